"""Property tests: whatever JSON or text arrives, the answer is never a 5xx and a refusal writes nothing."""

import json
import string
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from internhub.models import Company, Opening, Student, University
from tests.factories import PROBLEM_JSON, Tenant

FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Odd text: NULs, lone surrogates, right-to-left marks, emoji, combining marks, very long runs.
odd_text = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from(["\x00", "\ud800", "\u202e", "\u0301", "💥", "%", "_", "\\", "'", " "])),
    st.text(alphabet=string.digits, min_size=9, max_size=13),
    st.just("x" * 400),
)
json_value = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | st.floats() | odd_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(odd_text, inner, max_size=3),
    max_leaves=8,
)
TARGETS = {
    "/universities": (University, ["name", "short_name", "city", "contact_email", "bitrix24_company_id"]),
    "/companies": (Company, ["name", "inn", "website", "contact_email", "contact_phone"]),
    "/students": (Student, ["university_id", "full_name", "email", "course", "skills", "phone"]),
    "/openings": (Opening, ["company_id", "kind", "title", "slots", "skills", "starts_on", "ends_on", "format"]),
}


def post_json(tenant: Tenant, path: str, body: object):
    # Encoded here, not by httpx: JSON escapes let lone surrogates and Infinity reach the server.
    return tenant.client.post(
        f"/api/v1{path}", content=json.dumps(body).encode(), headers={"content-type": "application/json"}
    )


def query(params: dict[str, str]) -> str:
    # Lone surrogates become the invalid UTF-8 bytes a hostile client could send.
    return "&".join(f"{key}={quote(value.encode('utf-8', 'surrogatepass'), safe='')}" for key, value in params.items())


@st.composite
def create_request(draw: st.DrawFn) -> tuple[str, object]:
    path = draw(st.sampled_from(sorted(TARGETS)))
    fields = TARGETS[path][1]
    body = draw(
        st.one_of(
            st.dictionaries(st.sampled_from(fields) | odd_text, json_value, max_size=6),
            json_value,
        )
    )
    return path, body


@FUZZ
@given(request=create_request())
async def test_random_create_bodies_never_cause_a_server_error(tenant: Tenant, request: tuple[str, object]) -> None:
    path, body = request
    model = TARGETS[path][0]
    rows_before = await tenant.rows(model)

    response = await post_json(tenant, path, body)

    assert response.status_code < 500, response.text
    if response.status_code == 201:
        assert await tenant.rows(model) == rows_before + 1
    else:
        assert response.headers["content-type"] == PROBLEM_JSON
        assert await tenant.rows(model) == rows_before


@FUZZ
@given(text=odd_text, sort=st.sampled_from(["name", "-created_at", "id", None]))
async def test_odd_text_in_search_and_filters_never_causes_a_server_error(
    tenant: Tenant, text: str, sort: str | None
) -> None:
    for path, params in (
        ("/universities", {"q": text, "city": text}),
        ("/companies", {"q": text, "inn": text[:12]}),
        ("/students", {"q": text, "skills": text, "specialty": text}),
        ("/openings", {"q": text, "city": text, "skills": text}),
        ("/applications", {"q": text}),
        ("/partnerships", {"q": text}),
        ("/universities", {"cursor": text, **({"sort": sort} if sort else {})}),
    ):
        response = await tenant.client.get(f"/api/v1{path}?{query(params)}")
        assert response.status_code < 500, (path, params, response.text)
        if response.status_code == 200:
            assert isinstance(response.json()["items"], list)


@FUZZ
@given(name=odd_text)
async def test_any_name_that_is_accepted_reads_back_unchanged(tenant: Tenant, name: str) -> None:
    response = await post_json(tenant, "/universities", {"name": name})

    assert response.status_code in (201, 422), response.text
    if response.status_code == 201:
        created = response.json()
        fetched = await tenant.client.get(f"/api/v1/universities/{created['id']}")
        assert (await tenant.client.delete(f"/api/v1/universities/{created['id']}")).status_code == 204
        # Only surrounding whitespace may go (pydantic's idea of it is a little narrower than Python's).
        assert created["name"] in name and created["name"].strip() == name.strip()
        assert fetched.json()["name"] == created["name"]
