from studio_kit.testing.contract import HealthContract, MessagingTablesContract


class TestHealth(HealthContract):
    service = "teachers-service"


class TestMigrations(MessagingTablesContract):
    pass
