from studio_kit.testing.contract import HealthContract, MessagingTablesContract


class TestHealth(HealthContract):
    service = "notifications-service"


class TestMigrations(MessagingTablesContract):
    pass
