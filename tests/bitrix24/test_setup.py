"""Setting a portal up: stages in the order Bitrix24 requires, and a pipeline an administrator edited adopted as
it is (crm-status-add.md, "Restrictions for SORT"; crm-category-*.md)."""

from __future__ import annotations

import httpx
import pytest

from internhub.bitrix24.client import Bitrix24Client, Throttle, WebhookAuth
from internhub.bitrix24.sandbox import SandboxConfig, SandboxPortal, create_app
from internhub.bitrix24.setup import ORIGINATOR, PIPELINES, setup

AFTER_WON = (
    "Cannot create more stages after the final stage because the final successful stage already exists. "
    "Try using sort order values less than that of the final stage."
)


def client_of(portal: SandboxPortal) -> Bitrix24Client:
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(portal)))
    return Bitrix24Client(WebhookAuth(portal.config.webhook_url), http=http, throttle=Throttle(1000, 10_000))


@pytest.fixture
def portal() -> SandboxPortal:
    return SandboxPortal(SandboxConfig(rate=1000.0, burst=10_000))


def stages_of(portal: SandboxPortal, category_id: int) -> list[tuple[str, str]]:
    """(STATUS_ID, semantics) in the portal's order."""
    return [(s["STATUS_ID"], s["SEMANTICS"] or "P") for s in portal.catalog.stages(category_id)]


def adds(portal: SandboxPortal) -> int:
    return sum(1 for call in portal.calls if call.method.endswith(".add"))


# --- the sandbox refuses what a portal refuses ---------------------------------------------------------


async def test_an_in_progress_stage_after_the_success_stage_is_refused(sandbox_client, webhook) -> None:
    for entity_id in ("DEAL_STAGE", "DEAL_STAGE_1"):
        if entity_id != "DEAL_STAGE":
            await sandbox_client.post(
                webhook + "crm.category.add", json={"entityTypeId": 2, "fields": {"name": "Воронка"}}
            )
        fields = {"ENTITY_ID": entity_id, "STATUS_ID": "LATE", "NAME": "Поздняя", "SORT": 999}
        refused = await sandbox_client.post(webhook + "crm.status.add", json={"fields": fields})
        assert refused.status_code == 400
        assert refused.json() == {"error": "", "error_description": AFTER_WON}
        failure = await sandbox_client.post(webhook + "crm.status.add", json={"fields": {**fields, "SEMANTICS": "F"}})
        assert failure.status_code == 200 and isinstance(failure.json()["result"], int)


@pytest.mark.parametrize(
    ("fields", "status", "error", "description"),
    [
        ({"NAME": "x"}, 400, "", "The field ENTITY_ID is required. The field STATUS_ID is required."),
        ({"ENTITY_ID": "SOURCE", "NAME": "x"}, 400, "", "The field STATUS_ID is required."),
        ({"ENTITY_ID": "SOURCE", "STATUS_ID": "X"}, 400, "", "The field Title is required."),
        ({"ENTITY_ID": "NO_SUCH", "STATUS_ID": "X", "NAME": "x"}, 400, "", "Specified entity type is not supported."),
        (
            {"ENTITY_ID": "SOURCE", "STATUS_ID": "CALL", "NAME": "x"},
            400,
            "ERROR_CORE",
            "The specified status ID already exists.",
        ),
    ],
)
async def test_status_add_answers_its_documented_errors(sandbox_client, webhook, fields, status, error, description):
    answer = await sandbox_client.post(webhook + "crm.status.add", json={"fields": fields})
    assert answer.status_code == status
    assert answer.json() == {"error": error, "error_description": description}
    not_object = await sandbox_client.post(webhook + "crm.status.add", json={"fields": "x"})
    assert not_object.json() == {"error": "", "error_description": "Parameter 'fields' must be array."}


async def test_a_status_without_sort_is_sorted_ten(sandbox_client, webhook) -> None:
    await sandbox_client.post(
        webhook + "crm.status.add", json={"fields": {"ENTITY_ID": "SOURCE", "STATUS_ID": "FAIR", "NAME": "Ярмарка"}}
    )
    listed = await sandbox_client.post(
        webhook + "crm.status.list", json={"filter": {"ENTITY_ID": "SOURCE", "STATUS_ID": "FAIR"}}
    )
    assert listed.json()["result"][0]["SORT"] == "10"


async def test_a_category_keeps_its_origin(sandbox_client, webhook) -> None:
    fields = {"name": "Отклики", "originatorId": "internhub", "originId": "applications"}
    added = (await sandbox_client.post(webhook + "crm.category.add", json={"entityTypeId": 2, "fields": fields})).json()
    category = added["result"]["category"]
    assert (category["originatorId"], category["originId"]) == ("internhub", "applications")
    listed = (await sandbox_client.post(webhook + "crm.category.list", json={"entityTypeId": 2})).json()
    mine = next(c for c in listed["result"]["categories"] if c["id"] == category["id"])
    assert (mine["originatorId"], mine["originId"], mine["isDefault"]) == ("internhub", "applications", "N")
    got = (
        await sandbox_client.post(webhook + "crm.category.get", json={"entityTypeId": 2, "id": category["id"]})
    ).json()
    assert got["result"]["category"]["originId"] == "applications"


async def test_a_fresh_pipeline_has_the_stages_the_list_page_shows(sandbox_client, webhook) -> None:
    added = await sandbox_client.post(webhook + "crm.category.add", json={"entityTypeId": 2, "fields": {"name": "B"}})
    category_id = added.json()["result"]["category"]["id"]
    for entity_id, prefix in (("DEAL_STAGE", ""), (f"DEAL_STAGE_{category_id}", f"C{category_id}:")):
        listed = await sandbox_client.post(webhook + "crm.status.list", json={"filter": {"ENTITY_ID": entity_id}})
        rows = listed.json()["result"]
        # crm-status-list.md: code, sort, group, system flag, colour and EXTRA of each standard stage.
        assert [(r["STATUS_ID"], r["SORT"], r["SEMANTICS"], r["SYSTEM"], r["COLOR"], r["EXTRA"]) for r in rows] == [
            (prefix + "NEW", "10", None, "Y", "#39A8EF", {"SEMANTICS": "process", "COLOR": "#39A8EF"}),
            (prefix + "PREPARATION", "20", None, "N", "#2FC6F6", {"SEMANTICS": "process", "COLOR": "#2FC6F6"}),
            (prefix + "PREPAYMENT_INVOICE", "30", None, "N", "#55D0E0", {"SEMANTICS": "process", "COLOR": "#55D0E0"}),
            (prefix + "EXECUTING", "40", None, "N", "#47E4C2", {"SEMANTICS": "process", "COLOR": "#47E4C2"}),
            (prefix + "FINAL_INVOICE", "50", None, "N", "#FFA900", {"SEMANTICS": "process", "COLOR": "#FFA900"}),
            (prefix + "WON", "60", "S", "Y", "#7BD500", {"SEMANTICS": "success", "COLOR": "#7BD500"}),
            (prefix + "LOSE", "70", "F", "Y", "#FF5752", {"SEMANTICS": "failure", "COLOR": "#FF5752"}),
            (prefix + "APOLOGY", "80", "F", "N", "#FF5752", {"SEMANTICS": "apology", "COLOR": "#FF5752"}),
        ]
        assert [(r["NAME"], r["NAME_INIT"]) for r in rows if r["SYSTEM"] == "Y"] == [
            ("New", "New"),
            ("Deal successful", "Deal successful"),
            ("Deal failed", "Deal failed"),
        ]


async def test_status_and_pipeline_changes_are_for_crm_administrators(sandbox_portal: SandboxPortal, sandbox_client):
    token = sandbox_portal.install_app(user_id=2).access_token  # installed by a user who is no administrator
    status = {"ENTITY_ID": "SOURCE", "STATUS_ID": "FAIR", "NAME": "Ярмарка"}
    refused = await sandbox_client.post("/rest/crm.status.add", json={"auth": token, "fields": status})
    assert refused.status_code == 400  # crm-status-add.md
    assert refused.json() == {"error": "", "error_description": "Access denied."}
    pipeline = {"auth": token, "entityTypeId": 2, "fields": {"name": "Воронка"}}
    refused = await sandbox_client.post("/rest/crm.category.add", json=pipeline)
    assert refused.status_code == 400  # crm-category-add.md
    assert refused.json() == {"error": "ACCESS_DENIED", "error_description": "Access denied"}
    update = {"auth": token, "entityTypeId": 2, "id": 0, "fields": {"name": "Продажи"}}
    refused = await sandbox_client.post("/rest/crm.category.update", json=update)
    assert refused.json() == {"error": "ACCESS_DENIED", "error_description": "Access denied"}  # crm-category-update.md
    reads = {"auth": token, "filter": {"ENTITY_ID": "SOURCE"}}
    assert (await sandbox_client.post("/rest/crm.status.list", json=reads)).status_code == 200  # reading stays open
    assert not any(s["STATUS_ID"] == "FAIR" for s in sandbox_portal.catalog.statuses)
    assert list(sandbox_portal.catalog.categories) == [0]


async def test_a_user_without_crm_rights_reads_no_pipelines_or_stages(
    sandbox_portal: SandboxPortal, sandbox_client, webhook
) -> None:
    added = await sandbox_client.post(webhook + "crm.category.add", json={"entityTypeId": 2, "fields": {"name": "B"}})
    category_id = added.json()["result"]["category"]["id"]
    sandbox_portal.crm.access[sandbox_portal.config.webhook_user_id] = "none"
    stages = await sandbox_client.post(webhook + "crm.status.list", json={"filter": {"ENTITY_ID": "DEAL_STAGE"}})
    assert stages.status_code == 400  # crm-status-list.md
    assert stages.json() == {"error": "", "error_description": "Access denied."}
    listed = (await sandbox_client.post(webhook + "crm.category.list", json={"entityTypeId": 2})).json()
    assert listed["result"] == {"categories": []} and listed["total"] == 0  # crm-category-list.md: filtered by rights
    got = await sandbox_client.post(webhook + "crm.category.get", json={"entityTypeId": 2, "id": category_id})
    assert got.json() == {"error": "ACCESS_DENIED", "error_description": "Access denied"}  # crm-category-get.md


async def test_a_pipeline_that_does_not_exist_is_not_found(sandbox_client, webhook) -> None:
    missing = {"entityTypeId": 2, "id": 77}
    got = await sandbox_client.post(webhook + "crm.category.get", json=missing)
    assert got.status_code == 400  # crm-category-get.md
    assert got.json() == {"error": "NOT_FOUND", "error_description": "Element not found"}
    updated = await sandbox_client.post(webhook + "crm.category.update", json={**missing, "fields": {"name": "x"}})
    assert updated.json() == {"error": "NOT_FOUND", "error_description": "Element not found"}  # crm-category-update.md


@pytest.mark.parametrize(("sort", "kept"), [(None, 500), (0, 0), (-5, 0), (70, 70)])
async def test_a_pipeline_sort_defaults_to_500_and_is_never_negative(sandbox_client, webhook, sort, kept) -> None:
    fields = {"name": "Воронка", **({} if sort is None else {"sort": sort})}
    added = await sandbox_client.post(webhook + "crm.category.add", json={"entityTypeId": 2, "fields": fields})
    assert added.json()["result"]["category"]["sort"] == kept  # crm-category-add.md


async def test_a_blank_pipeline_name_is_no_name(sandbox_client, webhook) -> None:
    blank = await sandbox_client.post(webhook + "crm.category.add", json={"entityTypeId": 2, "fields": {"name": " \t"}})
    assert blank.json() == {"error": "0", "error_description": "Field 'NAME' is required"}  # crm-category-add.md


async def test_a_pipeline_update_keeps_what_it_is_not_given(sandbox_client, webhook) -> None:
    fields = {"name": "Отклики", "sort": 300}
    added = await sandbox_client.post(webhook + "crm.category.add", json={"entityTypeId": 2, "fields": fields})
    category_id = added.json()["result"]["category"]["id"]
    origin = {"originatorId": "internhub", "originId": "applications"}
    update = {"entityTypeId": 2, "id": category_id, "fields": origin}
    updated = (await sandbox_client.post(webhook + "crm.category.update", json=update)).json()
    category = updated["result"]["category"]
    assert (category["name"], category["sort"]) == ("Отклики", 300)  # crm-category-update.md
    assert (category["originatorId"], category["originId"]) == ("internhub", "applications")  # crm-category-fields.md
    got = await sandbox_client.post(webhook + "crm.category.get", json={"entityTypeId": 2, "id": category_id})
    assert got.json()["result"]["category"] == category


async def test_a_stage_keeps_its_colour(sandbox_client, webhook) -> None:
    fields = {"ENTITY_ID": "DEAL_STAGE", "STATUS_ID": "DECISION", "NAME": "Decision", "SORT": 55, "COLOR": "#FFA900"}
    await sandbox_client.post(webhook + "crm.status.add", json={"fields": fields})
    listed = await sandbox_client.post(webhook + "crm.status.list", json={"filter": {"STATUS_ID": "DECISION"}})
    stage = listed.json()["result"][0]
    assert stage["COLOR"] == "#FFA900"  # crm-status-list.md: EXTRA repeats the group and the colour
    assert stage["EXTRA"] == {"SEMANTICS": "process", "COLOR": "#FFA900"}
    assert (stage["SYSTEM"], stage["NAME_INIT"], stage["CATEGORY_ID"]) == ("N", "", None)


@pytest.mark.parametrize(
    ("entity_id", "status_id"),
    [
        ("DEAL_STAGE", "HAS SPACE"),
        ("DEAL_STAGE", "ПРЕДЛОЖЕНИЕ"),
        ("DEAL_STAGE", "A" * 23),
        ("DEAL_STAGE_1", "UC:COLON"),
        ("SOURCE", "S" * 51),
    ],
)
async def test_a_status_id_outside_its_restrictions_is_not_created(sandbox_client, webhook, entity_id, status_id):
    await sandbox_client.post(webhook + "crm.category.add", json={"entityTypeId": 2, "fields": {"name": "Воронка"}})
    fields = {"ENTITY_ID": entity_id, "STATUS_ID": status_id, "NAME": "x", "SORT": 15}
    answer = await sandbox_client.post(webhook + "crm.status.add", json={"fields": fields})
    assert answer.status_code == 400  # crm-status-add.md, "Restrictions for STATUS_ID"
    assert answer.json() == {"error": "", "error_description": "Error on creating status."}


async def test_a_status_id_inside_its_restrictions_is_created(sandbox_client, webhook) -> None:
    await sandbox_client.post(webhook + "crm.category.add", json={"entityTypeId": 2, "fields": {"name": "Воронка"}})
    for entity_id, status_id, stored in [
        ("DEAL_STAGE", "A-1_" + "B" * 18, "A-1_" + "B" * 18),
        ("DEAL_STAGE_1", "DECISION", "C1:DECISION"),
        ("DEAL_STAGE_1", "C1:REVIEW", "C1:REVIEW"),
        ("SOURCE", "Ярмарка вакансий", "Ярмарка вакансий"),
    ]:
        fields = {"ENTITY_ID": entity_id, "STATUS_ID": status_id, "NAME": "x", "SORT": 15}
        answer = await sandbox_client.post(webhook + "crm.status.add", json={"fields": fields})
        assert answer.status_code == 200, answer.json()
        listed = await sandbox_client.post(webhook + "crm.status.list", json={"filter": {"ENTITY_ID": entity_id}})
        assert stored in {row["STATUS_ID"] for row in listed.json()["result"]}


# --- setup -----------------------------------------------------------------------------------------------


async def test_setup_completes_on_a_fresh_portal_with_stages_in_the_documented_order(portal: SandboxPortal) -> None:
    async with client_of(portal).http:
        mapping = await setup(client_of(portal))
    applications = mapping.applications
    assert applications is not None
    order = stages_of(portal, applications.category_id)
    semantics = [s for _, s in order]
    # In-progress stages, then the success stage, then failure stages.
    assert semantics == sorted(semantics, key="PSF".index)
    by_id = dict(order)
    stages = applications.stages
    assert by_id[stages["hired"]] == "S"
    assert by_id[stages["rejected"]] == "F" and by_id[stages["withdrawn"]] == "F"
    assert all(by_id[stages[s]] == "P" for s in ("new", "screening", "interview", "offer"))
    ours = [stages[s] for s in ("new", "screening", "interview", "offer")]
    assert [sid for sid, _ in order if sid in ours] == ours  # our in-progress stages in our order
    for key in ("internships", "vacancies"):
        pipeline = getattr(mapping, key)
        opening_order = [sid for sid, _ in stages_of(portal, pipeline.category_id)]
        ours = [pipeline.stages[s] for s in ("draft", "active", "closed", "completed")]
        assert [sid for sid in opening_order if sid in ours] == ours


async def test_setup_twice_adds_nothing_the_second_time(portal: SandboxPortal) -> None:
    first = await setup(client_of(portal))
    before = adds(portal)
    second = await setup(client_of(portal), first)
    assert second == first and adds(portal) == before
    again = await setup(client_of(portal))  # an install forgets the mapping: the pipelines are found again
    assert again == first and adds(portal) == before


async def test_setup_adopts_a_pipeline_an_administrator_renamed_and_rearranged(portal: SandboxPortal) -> None:
    first = await setup(client_of(portal))
    applications = first.applications
    category = applications.category_id
    portal.catalog.categories[category]["name"] = "HR: отклики студентов"
    stages = {s["STATUS_ID"]: s for s in portal.catalog.stages(category)}
    stages[applications.stages["screening"]]["NAME"] = "Первичный отбор"  # renamed
    stages[applications.stages["interview"]]["SORT"] = "12"  # moved up
    portal.catalog.statuses.remove(stages[applications.stages["offer"]])  # deleted
    extra = {"ENTITY_ID": f"DEAL_STAGE_{category}", "STATUS_ID": "TEST", "NAME": "Тестовое задание", "SORT": 14}
    portal.catalog.add_status(extra)  # an extra stage of their own

    adopted = await setup(client_of(portal))

    assert adopted == first  # the same pipeline, the same stage ids
    assert sum(1 for c in portal.catalog.categories.values() if c["id"] != 0) == len(PIPELINES)
    order = stages_of(portal, category)
    assert applications.stages["offer"] in dict(order)  # recreated
    semantics = [s for _, s in order]
    assert semantics == sorted(semantics, key="PSF".index)
    assert dict(order)[applications.stages["screening"]] == "P"


async def test_a_missing_stage_goes_before_the_success_stage_even_without_room(portal: SandboxPortal) -> None:
    first = await setup(client_of(portal))
    applications = first.applications
    category = applications.category_id
    stages = {s["STATUS_ID"]: s for s in portal.catalog.stages(category)}
    won = int(stages[applications.stages["hired"]]["SORT"])
    stages[applications.stages["interview"]]["SORT"] = str(won - 1)  # right below the success stage
    portal.catalog.statuses.remove(stages[applications.stages["offer"]])

    assert await setup(client_of(portal), first) == first

    stages = {s["STATUS_ID"]: s for s in portal.catalog.stages(category)}
    offer = stages[applications.stages["offer"]]
    assert offer["SEMANTICS"] is None and won - 1 <= int(offer["SORT"]) < won
    semantics = [s for _, s in stages_of(portal, category)]
    assert semantics == sorted(semantics, key="PSF".index)


async def test_each_stage_is_added_to_its_own_pipeline(portal: SandboxPortal) -> None:
    mapping = await setup(client_of(portal))
    added = [call.params["fields"] for call in portal.calls if call.method == "crm.status.add"]
    stage_adds = [fields for fields in added if fields["ENTITY_ID"].startswith("DEAL_STAGE_")]
    assert stage_adds
    # crm-status-fields.md: CATEGORY_ID is set when a stage is made and never changes afterwards.
    assert all(int(fields["CATEGORY_ID"]) == int(fields["ENTITY_ID"].rsplit("_", 1)[1]) for fields in stage_adds)
    ids = {getattr(mapping, key).category_id for key in PIPELINES}
    assert {int(fields["CATEGORY_ID"]) for fields in stage_adds} == ids


async def test_a_pipeline_made_without_our_origin_is_adopted_by_name_and_given_it(portal: SandboxPortal) -> None:
    name, _ = PIPELINES["applications"]
    made_before = portal.catalog.add_category(name)["id"]  # by hand, or by a setup that stopped halfway

    mapping = await setup(client_of(portal))

    assert mapping.applications.category_id == made_before
    category = portal.catalog.categories[made_before]
    assert (category["originatorId"], category["originId"]) == (ORIGINATOR, "applications")
    category["name"] = "HR: отклики"
    before = adds(portal)
    assert await setup(client_of(portal)) == mapping  # renamed, and no mapping to go by: found by its origin
    assert adds(portal) == before


async def test_one_pipeline_is_never_taken_for_two_of_ours(portal: SandboxPortal) -> None:
    first = await setup(client_of(portal))
    vacancies = first.vacancies.category_id
    del portal.catalog.categories[vacancies]  # an administrator deleted the vacancies pipeline...
    portal.catalog.statuses = [s for s in portal.catalog.statuses if s["ENTITY_ID"] != f"DEAL_STAGE_{vacancies}"]
    internships = portal.catalog.categories[first.internships.category_id]
    internships["name"] = PIPELINES["vacancies"][0]  # ...and gave its name to the internships one

    again = await setup(client_of(portal))

    assert again.internships == first.internships
    assert again.vacancies.category_id not in (vacancies, first.internships.category_id)
    assert sum(1 for c in portal.catalog.categories.values() if c["id"] != 0) == len(PIPELINES)


async def test_setup_leaves_an_administrators_names_alone(portal: SandboxPortal) -> None:
    first = await setup(client_of(portal))
    category = first.applications.category_id
    screening = next(
        s for s in portal.catalog.stages(category) if s["STATUS_ID"] == first.applications.stages["screening"]
    )
    screening["NAME"] = "Первичный отбор"
    portal.catalog.categories[category]["name"] = "HR: отклики"
    calls = len(portal.calls)

    assert await setup(client_of(portal), first) == first

    writes = [call.method for call in portal.calls[calls:] if not call.method.endswith((".list", ".get"))]
    assert writes == []
    assert screening["NAME"] == "Первичный отбор" and portal.catalog.categories[category]["name"] == "HR: отклики"


async def test_on_a_fresh_portal_our_stages_follow_the_portals_own_and_keep_together(portal: SandboxPortal) -> None:
    mapping = await setup(client_of(portal))
    for pipeline, in_progress in (
        (mapping.applications, ("new", "screening", "interview", "offer")),
        (mapping.internships, ("draft", "active", "closed")),
    ):
        prefix = f"C{pipeline.category_id}:"
        order = [sid for sid, _ in stages_of(portal, pipeline.category_id)]
        portals_own = [prefix + code for code in ("PREPARATION", "PREPAYMENT_INVOICE", "EXECUTING", "FINAL_INVOICE")]
        added = [pipeline.stages[status] for status in in_progress[1:]]
        # crm-status-add.md, "Restrictions for SORT": after the in-progress stages the pipeline has, before success.
        assert order[: order.index(prefix + "WON") + 1] == [prefix + "NEW", *portals_own, *added, prefix + "WON"]
    withdrawn = mapping.applications.stages["withdrawn"]
    assert [sid for sid, _ in stages_of(portal, mapping.applications.category_id)][-1] == withdrawn


async def test_stages_of_ours_an_administrator_deleted_come_back_in_order_before_the_next_of_ours(
    portal: SandboxPortal,
) -> None:
    first = await setup(client_of(portal))
    applications = first.applications
    category = applications.category_id
    stages = {s["STATUS_ID"]: s for s in portal.catalog.stages(category)}
    offer = int(stages[applications.stages["offer"]]["SORT"])
    for status in ("screening", "interview"):
        portal.catalog.statuses.remove(stages[applications.stages[status]])
    extra = {"ENTITY_ID": f"DEAL_STAGE_{category}", "STATUS_ID": "TEST", "NAME": "Тестовое задание", "SORT": offer - 3}
    portal.catalog.add_status(extra)  # theirs, right before our offer stage

    assert await setup(client_of(portal), first) == first

    order = [sid for sid, _ in stages_of(portal, category)]
    back = [applications.stages[status] for status in ("screening", "interview", "offer")]
    assert order[order.index(f"C{category}:TEST") + 1 :][:3] == back
