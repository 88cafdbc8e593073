from studio_kit.testing.contract import HealthContract, MessagingTablesContract


class TestHealth(HealthContract):
    service = "auth-service"


class TestMigrations(MessagingTablesContract):
    pass
