from studio_kit.testing.contract import HealthContract, MessagingTablesContract


class TestHealth(HealthContract):
    service = "groups-service"


class TestMigrations(MessagingTablesContract):
    pass
