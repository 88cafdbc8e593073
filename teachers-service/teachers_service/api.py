"""Every HTTP route of teachers-service, collected from the domain folders."""

from fastapi import APIRouter

router = APIRouter()
