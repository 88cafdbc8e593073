"""Every HTTP route of students-service, collected from the domain folders."""

from fastapi import APIRouter

router = APIRouter()
