from studio_kit.testing.contract import HealthContract, MessagingTablesContract


class TestHealth(HealthContract):
    service = "lessons-service"


class TestMigrations(MessagingTablesContract):
    pass
