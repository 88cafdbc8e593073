"""Response shapes of the dashboard reads."""

from pydantic import BaseModel, Field

from ..lessons.schemas import LessonRead


class StudentLessonOverview(BaseModel):
    upcoming: list[LessonRead] = Field(description="The next scheduled lessons, soonest first")
    homework: list[LessonRead] = Field(description="Recently completed lessons that set homework, newest first")


class AttendanceSummary(BaseModel):
    lessons: int = Field(description="Completed lessons in the range")
    charged_seats: int = Field(description="Seats marked present, late or absent")
    attended_seats: int = Field(description="Seats marked present or late")
