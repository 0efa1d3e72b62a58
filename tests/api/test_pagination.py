"""Lists: cursors that walk every item exactly once, page numbers, totals, sorting."""

from typing import Any

import pytest

from internhub.common import pagination
from tests.factories import Tenant, problem

NAMES = ["Гамма", "альфа", "Бета", "Альфа", "дельта", "Бета", "Эпсилон", "Zeta", "alpha", "Ёж", "Бета"]


async def walk(tenant: Tenant, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a list, page by page, following next_cursor until it is null."""
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(100):
        page = await tenant.client.get(f"/api/v1{path}", params={**params, "cursor": cursor} if cursor else params)
        assert page.status_code == 200, page.text
        body = page.json()
        assert len(body["items"]) <= params.get("limit", 50)
        items.extend(body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("the cursor never ran out")


@pytest.fixture
async def universities(tenant: Tenant) -> list[dict[str, Any]]:
    # Duplicate cities and equal-looking names: ties must be broken by id, never skipped or repeated.
    return [await tenant.university(name=f"{name} {i:02d}", city=name) for i, name in enumerate(NAMES)]


@pytest.mark.parametrize(
    ("sort", "key", "reverse"),
    [
        (None, "id", True),
        ("id", "id", False),
        ("name", "name", False),
        ("-name", "name", True),
        ("created_at", "created_at", False),
        ("-created_at", "created_at", True),
    ],
)
@pytest.mark.parametrize("limit", [1, 3])
async def test_walking_the_cursor_visits_every_item_once_in_order(
    tenant: Tenant, universities: list[dict[str, Any]], sort: str | None, key: str, reverse: bool, limit: int
) -> None:
    params = {"limit": limit, **({"sort": sort} if sort else {})}

    walked = await walk(tenant, "/universities", **params)

    ids = [u["id"] for u in walked]
    assert len(ids) == len(set(ids)) == len(universities)
    assert set(ids) == {u["id"] for u in universities}
    expected = sorted(walked, key=lambda u: (u[key], u["id"]), reverse=reverse)
    assert [u["id"] for u in expected] == ids


async def test_sorting_by_a_column_with_ties_breaks_them_by_id(tenant: Tenant) -> None:
    university = await tenant.university()
    students = [await tenant.student(university["id"], course=course) for course in (2, 1, 2, 3, 2, 1, 2)]

    walked = await walk(tenant, "/students", sort="-course", limit=2)

    assert [s["id"] for s in walked] == [
        s["id"] for s in sorted(students, key=lambda s: (s["course"], s["id"]), reverse=True)
    ]


async def test_a_cursor_survives_items_added_and_removed_while_walking(
    tenant: Tenant, universities: list[dict[str, Any]]
) -> None:
    first = (await tenant.client.get("/api/v1/universities", params={"sort": "name", "limit": 4})).json()
    seen = [u["id"] for u in first["items"]]
    await tenant.client.delete(f"/api/v1/universities/{seen[0]}")
    removed_ahead = sorted(universities, key=lambda u: (u["name"], u["id"]))[5]
    await tenant.client.delete(f"/api/v1/universities/{removed_ahead['id']}")

    rest = await walk(tenant, "/universities", sort="name", limit=4, cursor=first["next_cursor"])

    rest_ids = [u["id"] for u in rest]
    assert not set(rest_ids) & set(seen)
    assert set(seen) | set(rest_ids) == {u["id"] for u in universities} - {removed_ahead["id"]}


async def test_page_numbers_split_the_list_without_gaps(tenant: Tenant, universities: list[dict[str, Any]]) -> None:
    pages = []
    for number in (1, 2, 3, 4):
        body = (
            await tenant.client.get("/api/v1/universities", params={"page": number, "limit": 3, "sort": "name"})
        ).json()
        assert body["page"] == number and body["total"] == len(universities) and body["total_exact"] is True
        pages.append([u["id"] for u in body["items"]])

    assert [len(p) for p in pages] == [3, 3, 3, 2]
    everything = [i for p in pages for i in p]
    assert everything == [u["id"] for u in await walk(tenant, "/universities", sort="name", limit=50)]
    beyond = (await tenant.client.get("/api/v1/universities", params={"page": 5, "limit": 3})).json()
    assert beyond["items"] == [] and beyond["total"] == len(universities)


async def test_total_counts_matches_not_the_page(tenant: Tenant, universities: list[dict[str, Any]]) -> None:
    body = (await tenant.client.get("/api/v1/universities", params={"city": "Бета", "limit": 1})).json()
    assert body["total"] == 3 and body["total_exact"] is True and len(body["items"]) == 1
    assert body["limit"] == 1 and body["next_cursor"]


async def test_a_total_past_the_count_limit_is_a_lower_bound(
    tenant: Tenant, universities: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pagination, "COUNT_LIMIT", 5)

    body = (await tenant.client.get("/api/v1/universities", params={"limit": 2})).json()

    assert body["total"] == 7 and body["total_exact"] is False  # counted up to the limit past this page
    assert len(body["items"]) == 2


async def test_pages_reach_the_last_row_however_far_past_the_count_limit(
    tenant: Tenant, universities: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pagination, "COUNT_LIMIT", 3)
    seen, page, jumps = 0, 1, 0
    while True:
        body = (await tenant.client.get("/api/v1/universities", params={"limit": 2, "page": page})).json()
        seen = (page - 1) * 2 + len(body["items"])
        if body["total_exact"]:
            break
        assert body["total"] > seen  # "more than" only while it is true
        page = -(-body["total"] // 2)  # the last page the pager offers
        jumps += 1
    assert body["total"] == len(universities)
    last = (await tenant.client.get("/api/v1/universities", params={"limit": 2, "page": -(-body["total"] // 2)})).json()
    assert len(last["items"]) == (len(universities) % 2 or 2) and last["next_cursor"] is None
    assert jumps >= 1


async def test_a_cursor_from_another_sort_or_garbage_is_a_400(
    tenant: Tenant, universities: list[dict[str, Any]]
) -> None:
    by_name = (await tenant.client.get("/api/v1/universities", params={"sort": "name", "limit": 2})).json()

    for params in (
        {"sort": "-name", "cursor": by_name["next_cursor"]},
        {"sort": "created_at", "cursor": by_name["next_cursor"]},
        {"cursor": by_name["next_cursor"]},
        {"cursor": "garbage"},
        {"cursor": by_name["next_cursor"][:-3]},
    ):
        body = problem(await tenant.client.get("/api/v1/universities", params=params), 400)
        assert "cursor" in body["detail"]


@pytest.mark.parametrize(
    ("path", "sort"),
    [
        ("/universities", "city"),
        ("/universities", "-password"),
        ("/universities", ""),
        ("/companies", "inn"),
        ("/students", "email"),
        ("/openings", "company_id"),
        ("/applications", "status"),
        ("/partnerships", "valid_to"),
        ("/universities/{id}/students", "university_id"),
    ],
)
async def test_an_unknown_sort_is_a_400_listing_the_allowed_ones(tenant: Tenant, path: str, sort: str) -> None:
    university = await tenant.university()
    response = await tenant.client.get(f"/api/v1{path.format(id=university['id'])}", params={"sort": sort})
    if sort == "":
        assert response.status_code in (400, 422)
        return
    body = problem(response, 400)
    assert body["sortable"] and sort.lstrip("-") not in body["sortable"]
    assert "id" in body["sortable"]


@pytest.mark.parametrize(
    ("path", "sorts"),
    [
        ("/companies", ["name", "-created_at"]),
        ("/students", ["full_name", "-course", "created_at"]),
        ("/openings", ["title", "-updated_at"]),
        ("/applications", ["applied_at", "-updated_at"]),
        ("/partnerships", ["agreement_number", "-id"]),
    ],
)
async def test_every_list_walks_completely_under_each_of_its_sorts(tenant: Tenant, path: str, sorts: list[str]) -> None:
    university = await tenant.university()
    company = await tenant.company()
    expected: list[int] = []
    for i in range(5):
        if path == "/companies":
            expected.append((await tenant.company(name=f"Компания {i % 2}"))["id"])
        elif path == "/students":
            expected.append((await tenant.student(university["id"], full_name=f"Студент {i % 2}"))["id"])
        elif path == "/openings":
            expected.append((await tenant.opening(company["id"], title=f"Позиция {i % 2}"))["id"])
        elif path == "/applications":
            student = await tenant.student(university["id"])
            opening = await tenant.opening(company["id"])
            expected.append((await tenant.application(opening["id"], student["id"]))["id"])
        else:
            body = {
                "university_id": university["id"],
                "company_id": company["id"],
                "agreement_number": f"Д-{i % 3}-{i}",
            }
            expected.append((await tenant.create("/partnerships", **body))["id"])
    if path == "/companies":
        expected.append(company["id"])

    for sort in sorts:
        walked = [item["id"] for item in await walk(tenant, path, sort=sort, limit=2)]
        assert sorted(walked) == sorted(expected), sort


async def test_board_counts_are_exact_past_the_count_limit(tenant: Tenant, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pagination, "COUNT_LIMIT", 2)
    university = await tenant.university()
    company = await tenant.company()
    opening = await tenant.opening(company["id"], slots=20)
    other = await tenant.opening((await tenant.company())["id"])
    for i in range(7):
        student = await tenant.student(university["id"])
        application = await tenant.application(opening["id"], student["id"])
        if i < 2:
            await tenant.client.patch(f"/api/v1/applications/{application['id']}", json={"status": "screening"})
    await tenant.application(other["id"], (await tenant.student(university["id"]))["id"])

    counts = (await tenant.client.get("/api/v1/applications/counts", params={"company_id": company["id"]})).json()
    assert counts["new"] == 5 and counts["screening"] == 2 and counts["hired"] == 0
    assert set(counts) == {"new", "screening", "interview", "offer", "hired", "rejected", "withdrawn"}
    everything = (await tenant.client.get("/api/v1/applications/counts", params={"status": "hired"})).json()
    assert everything["new"] == 6  # the status filter is the board's columns, not a filter of the counts
    outsider = await tenant.sign_in_as("recruiter", company_id=(await tenant.company())["id"])
    assert sum((await outsider.get("/api/v1/applications/counts")).json().values()) == 0


@pytest.mark.parametrize("sort", [None, "name", "-name", "created_at"])
@pytest.mark.parametrize("count_limit", [1_000, 2])
async def test_a_searched_list_pages_and_counts_like_any_other(
    tenant: Tenant,
    universities: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    sort: str | None,
    count_limit: int,
) -> None:
    """A text search reads its count and its page in one statement; the pages, the totals and the lower bound past
    the count limit are the same as a list without a search gives."""
    monkeypatch.setattr(pagination, "COUNT_LIMIT", count_limit)
    matching = [u for u in universities if "0" in u["name"]]  # "… 00" to "… 09", not "… 10"
    key = (sort or "-id").lstrip("-")
    expected = sorted(matching, key=lambda u: (u[key], u["id"]), reverse=(sort or "-id").startswith("-"))

    for page in range(1, 6):
        params = {"q": "0", "limit": 3, "page": page, **({"sort": sort} if sort else {})}
        body = (await tenant.client.get("/api/v1/universities", params=params)).json()
        assert [u["id"] for u in body["items"]] == [u["id"] for u in expected[(page - 1) * 3 : page * 3]]
        counted = min(len(matching), page * 3 + count_limit)
        assert (body["total"], body["total_exact"]) == (counted, counted == len(matching)), body
        assert (body["next_cursor"] is not None) == (page * 3 < len(matching))
    walked = await walk(tenant, "/universities", q="0", limit=4, **({"sort": sort} if sort else {}))
    assert [u["id"] for u in walked] == [u["id"] for u in expected]
