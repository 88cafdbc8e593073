"""Every HTTP route of auth-service, collected from the domain folders."""

from fastapi import APIRouter

router = APIRouter()
