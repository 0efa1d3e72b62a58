"""No sign-in: the catalogue, the application form and the applicant's status page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Query, Request, Response, status
from pydantic import TypeAdapter

from internhub.applications import consent
from internhub.common.actor import PUBLIC, act_as
from internhub.common.pagination import Page
from internhub.common.ratelimit import address, limiter
from internhub.common.schemas import Id
from internhub.db import SessionDep
from internhub.public import cache as public_cache
from internhub.public import service
from internhub.public.schemas import (
    ConsentOut,
    PublicApplicationCreated,
    PublicApplicationForm,
    PublicApplicationStatus,
    PublicCityOut,
    PublicCityQuery,
    PublicOpeningOut,
    PublicOpeningQuery,
    PublicUniversityOut,
    PublicUniversityQuery,
)

router = APIRouter(prefix="/public", tags=["public"])
Token = Annotated[str, Path(min_length=10, max_length=100, pattern=r"^[A-Za-z0-9_\-]+$")]


async def _workspace_id(request: Request, session: SessionDep, given: str | None) -> int:
    """The catalogue's workspace. A workspace keeps its slug and is never removed, so each process remembers the
    ones it has found (an unknown slug is asked again: the workspace may be made later)."""
    slug = given or request.app.state.settings.public_workspace
    known: dict[str, int] = request.app.state.catalogue_workspaces
    if (found := known.get(slug)) is None:
        found = await service.workspace_id_of(session, slug)
        if len(known) < 10_000:
            known[slug] = found
    return found


OpeningsPage = TypeAdapter(Page[PublicOpeningOut])


@router.get("/openings", operation_id="public-openings-list", response_model=Page[PublicOpeningOut])
async def list_public_openings(
    query: Annotated[PublicOpeningQuery, Query()], request: Request, session: SessionDep
) -> Response:
    """Active openings with their company and free places: search, filters and pages, no sign-in."""
    workspace_id = await _workspace_id(request, session, query.workspace)

    async def make() -> bytes:
        page = await service.list_openings(session, workspace_id, query)
        return OpeningsPage.dump_json(OpeningsPage.validate_python(page, from_attributes=True))

    cache = public_cache.shared.cache
    body = await (cache.answer(workspace_id, "openings", query.model_dump_json(), make) if cache else make())
    return Response(body, media_type="application/json")


@router.get("/openings/{opening_id}", operation_id="public-openings-get", response_model=PublicOpeningOut)
async def get_public_opening(opening_id: Id, session: SessionDep) -> Response:
    """One published opening (a closed one too, for whoever holds its link)."""
    opening = await service.get_opening(session, opening_id)  # by its key: a draft or a removed one is a 404

    async def make() -> bytes:
        described = (await service.describe(session, [opening]))[0]
        return PublicOpeningOut.model_validate(described, from_attributes=True).model_dump_json().encode()

    cache = public_cache.shared.cache
    body = await (cache.answer(opening.workspace_id, "opening", str(opening_id), make) if cache else make())
    return Response(body, media_type="application/json")


@router.get("/cities", operation_id="public-cities-list")
async def list_public_cities(
    query: Annotated[PublicCityQuery, Query()], request: Request, session: SessionDep
) -> list[PublicCityOut]:
    """The cities of the catalogue's openings, with how many each has, for the city filter."""
    workspace_id = await _workspace_id(request, session, query.workspace)
    return await service.list_cities(session, workspace_id)


@router.get("/universities", operation_id="public-universities-list")
async def list_public_universities(
    query: Annotated[PublicUniversityQuery, Query()], request: Request, session: SessionDep
) -> list[PublicUniversityOut]:
    """Universities to choose from on the application form (up to 50, by name)."""
    workspace_id = await _workspace_id(request, session, query.workspace)
    return await service.list_universities(session, workspace_id, query)


@router.get("/consent", operation_id="public-consent-get")
async def get_consent() -> ConsentOut:
    """The current personal-data consent text and its version."""
    texts = consent.TEXTS[consent.CURRENT]
    return ConsentOut(version=consent.CURRENT, text_ru=texts["ru"], text_en=texts["en"])


@router.post("/applications", status_code=status.HTTP_201_CREATED, operation_id="public-applications-create")
async def create_public_application(
    form: Annotated[PublicApplicationForm, Form(media_type="multipart/form-data")],
    request: Request,
    session: SessionDep,
) -> PublicApplicationCreated:
    """Apply without an account (multipart form, optional CV); answers with the private status link."""
    act_as(PUBLIC)
    await limiter(request).check(
        "public-form", address(request), "Too many applications from this address; try again later.", "form_throttled"
    )
    limit = request.app.state.settings.cv_max_bytes
    cv_bytes = await form.cv.read(limit + 1) if form.cv is not None else None
    submitted = await service.apply(session, form, cv_bytes, limit)
    return PublicApplicationCreated(
        id=submitted.application.id,
        status=submitted.application.status,
        token=submitted.token,
        # The configured public address, else the one this request came to (the port it really used).
        status_url=f"{request.app.state.settings.public_url.rstrip('/') or str(request.base_url).rstrip('/')}"
        f"/status/{submitted.token}",
    )


@router.get("/applications/{token}", operation_id="public-applications-status")
async def get_public_application_status(token: Token, session: SessionDep) -> PublicApplicationStatus:
    """The status of an application and its history, by the private link's token."""
    return await service.status_of(session, token)
