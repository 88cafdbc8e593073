from studio_kit.testing.contract import HealthContract


class TestHealth(HealthContract):
    service = "bff-service"
    dependencies = ("broker", "redis")
