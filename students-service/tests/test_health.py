from studio_kit.testing.contract import HealthContract, MessagingTablesContract


class TestHealth(HealthContract):
    service = "students-service"


class TestMigrations(MessagingTablesContract):
    pass
