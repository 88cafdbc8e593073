from sqlalchemy import func, select

from auth_service.users.models import User


class TestBootstrapAdmin:
    async def test_the_first_admin_comes_from_the_environment_on_an_empty_database(self, app_factory, client_for):
        settings = {
            "auth_bootstrap_admin_email": "Owner@Studio.example",
            "auth_bootstrap_admin_password": "owner's very own passphrase",
        }
        async with app_factory(**settings) as application, client_for(application) as client:
            response = await client.post(
                "/auth/login", json={"email": "owner@studio.example", "password": "owner's very own passphrase"}
            )
        assert response.status_code == 200
        assert response.json()["user"]["role"] == "admin"
        assert response.json()["user"]["email_verified"] is True

        # A restart (or a second replica) does not add another admin, and nobody's password changes.
        changed = {**settings, "auth_bootstrap_admin_password": "a different passphrase now"}
        async with app_factory(fresh=False, **changed) as application, client_for(application) as client:
            async with application.state.database.sessionmaker() as session:
                admins = await session.scalar(select(func.count()).select_from(User).where(User.role == "admin"))
            still_old = await client.post(
                "/auth/login", json={"email": "owner@studio.example", "password": "owner's very own passphrase"}
            )
        assert admins == 1
        assert still_old.status_code == 200

    async def test_no_admin_is_created_when_users_exist(self, app_factory, user_factory_for):
        async with app_factory() as application:
            await user_factory_for(application)("someone@example.com")
        bootstrap = {
            "auth_bootstrap_admin_email": "owner@example.com",
            "auth_bootstrap_admin_password": "long passphrase",
        }
        async with (
            app_factory(fresh=False, **bootstrap) as application,
            application.state.database.sessionmaker() as session,
        ):
            emails = (await session.execute(select(User.email))).scalars().all()
        assert emails == ["someone@example.com"]
