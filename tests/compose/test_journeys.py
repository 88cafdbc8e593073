"""J1-J4 and the demo studio, unchanged from tests/e2e, through nginx's published port into the
containers docker-compose.yml starts (the stack comes from tests/compose/conftest.py). The
e2e SMTP check asserts local mode's loopback relay; here every e-mail the journeys read (invitations,
the admin's inbox) has crossed SMTP from the container to the catcher on the bridge."""

from tests.e2e.test_demo_studio import TestDemoStudio
from tests.e2e.test_j1_student import TestStudentJourney
from tests.e2e.test_j2_teacher import TestTeacherJourney
from tests.e2e.test_j3_admin import TestAdminJourney
from tests.e2e.test_j4_prospect import TestProspectJourney

__all__ = [
    "TestAdminJourney",
    "TestDemoStudio",
    "TestProspectJourney",
    "TestStudentJourney",
    "TestTeacherJourney",
]
