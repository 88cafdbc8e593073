from studio_kit.testing.contract import HealthContract, MessagingTablesContract


class TestHealth(HealthContract):
    service = "calendary-service"


class TestMigrations(MessagingTablesContract):
    pass
