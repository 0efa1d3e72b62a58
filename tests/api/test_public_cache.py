"""The public catalogue's answers are shared by every API process through Redis, and a change made in any of
them shows at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from internhub.app import create_app
from internhub.public import service
from internhub.testing.postgres import free_port
from tests.api.test_revocation import process
from tests.factories import client_for, new_tenant


async def test_a_catalogue_answer_is_shared_and_a_change_shows_at_once(
    tmp_path: Path, redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = 0
    real = service.list_openings

    async def counted(*args, **kwargs):
        nonlocal made
        made += 1
        return await real(*args, **kwargs)

    monkeypatch.setattr(service, "list_openings", counted)
    one, other = create_app(process(tmp_path, redis_url)), create_app(process(tmp_path, redis_url))
    async with one.router.lifespan_context(one), other.router.lifespan_context(other), new_tenant(one) as tenant:
        company = await tenant.company(name="Сибирская генерирующая компания")
        opening = await tenant.opening(company["id"], title="Стажёр-энергетик", status="active")
        slug = (await tenant.client.get("/api/v1/workspace")).json()["slug"]
        async with client_for(one) as first, client_for(other) as second:
            titles = lambda page: [item["title"] for item in page.json()["items"]]  # noqa: E731
            params = {"workspace": slug}
            for _ in range(50):  # the creation's version bump lands in a task just after its commit
                before = made
                assert titles(await first.get("/api/v1/public/openings", params=params)) == ["Стажёр-энергетик"]
                if made == before:
                    break
            assert titles(await second.get("/api/v1/public/openings", params=params)) == ["Стажёр-энергетик"]
            assert made == before  # the second process answered from the shared cache

            renamed = await tenant.client.patch(f"/api/v1/openings/{opening['id']}", json={"title": "Стажёр-диспетчер"})
            assert renamed.status_code == 200
            for _ in range(50):  # the version moves on just after the commit, in a task of its own
                page = await second.get("/api/v1/public/openings", params=params)
                if titles(page) == ["Стажёр-диспетчер"]:
                    break
            assert titles(page) == ["Стажёр-диспетчер"]


async def test_with_redis_down_the_catalogue_answers_from_the_database(tmp_path: Path) -> None:
    app = create_app(process(tmp_path, f"redis://127.0.0.1:{free_port()}/0"))  # nothing listens there
    async with app.router.lifespan_context(app), new_tenant(app) as tenant:
        company = await tenant.company(name="Уральские авиалинии")
        await tenant.opening(company["id"], title="Стажёр-диспетчер", status="active")
        slug = (await tenant.client.get("/api/v1/workspace")).json()["slug"]
        async with client_for(app) as visitor:
            page = await visitor.get("/api/v1/public/openings", params={"workspace": slug})
        assert page.status_code == 200 and [item["title"] for item in page.json()["items"]] == ["Стажёр-диспетчер"]


async def test_an_opening_answer_is_shared_and_a_change_shows_at_once(
    tmp_path: Path, redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = 0
    real = service.describe

    async def counted(*args, **kwargs):
        nonlocal made
        made += 1
        return await real(*args, **kwargs)

    monkeypatch.setattr(service, "describe", counted)
    one, other = create_app(process(tmp_path, redis_url)), create_app(process(tmp_path, redis_url))
    async with one.router.lifespan_context(one), other.router.lifespan_context(other), new_tenant(one) as tenant:
        company = await tenant.company(name="Красноярская ГЭС")
        opening = await tenant.opening(company["id"], title="Стажёр-гидротехник", status="active")
        path = f"/api/v1/public/openings/{opening['id']}"
        async with client_for(one) as first, client_for(other) as second:
            for _ in range(50):  # the creation's version bump lands in a task just after its commit
                before = made
                assert (await first.get(path)).json()["title"] == "Стажёр-гидротехник"
                if made == before:
                    break
            answer = await second.get(path)
            assert (
                answer.json()["title"] == "Стажёр-гидротехник" and answer.json()["company_name"] == "Красноярская ГЭС"
            )
            assert made == before  # the second process answered from the shared cache

            renamed = await tenant.client.patch(f"/api/v1/openings/{opening['id']}", json={"title": "Стажёр-энергетик"})
            assert renamed.status_code == 200
            for _ in range(50):  # the version moves on just after the commit, in a task of its own
                if (await second.get(path)).json()["title"] == "Стажёр-энергетик":
                    break
            assert (await second.get(path)).json()["title"] == "Стажёр-энергетик"
            draft = await tenant.opening(company["id"], title="Черновик", status="draft")
            assert (await second.get(f"/api/v1/public/openings/{draft['id']}")).status_code == 404
