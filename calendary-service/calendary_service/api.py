"""Every HTTP route of calendary-service, collected from the domain folders."""

from fastapi import APIRouter

router = APIRouter()
