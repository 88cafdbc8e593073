from studio_kit.testing.contract import HealthContract


class TestHealth(HealthContract):
    service = "tg-bot-service"
    dependencies = ("broker", "redis")
