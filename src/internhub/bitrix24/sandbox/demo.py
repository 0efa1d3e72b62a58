"""Demo content: universities' partner companies, their recruiters and internship deals."""

from __future__ import annotations

import random

from .person import PersonActions

_COMPANIES = ("Север Софт", "Технопарк Волга", "Инфосистемы", "Data Garden", "Уральский завод", "Медиа Лаб")
_FIRST = ("Анна", "Игорь", "Мария", "Олег", "Елена", "Дмитрий", "Ольга", "Сергей")
_LAST = ("Иванова", "Петров", "Кузнецова", "Соколов", "Попова", "Лебедев", "Новикова", "Морозов")
_ROLES = ("Стажёр-аналитик", "Junior Python", "Стажёр QA", "Frontend-стажёр", "HR-стажёр", "DevOps-стажёр")
_STAGES = ("NEW", "PREPARATION", "PREPAYMENT_INVOICE", "EXECUTING", "FINAL_INVOICE", "WON", "LOSE")


def seed_demo(person: PersonActions, companies: int, contacts: int, deals: int, seed: int | None) -> None:
    rng = random.Random(seed if seed is not None else 24)
    company_ids = []
    for index in range(companies):
        name = _COMPANIES[index % len(_COMPANIES)] + ("" if index < len(_COMPANIES) else f" {index}")
        company_ids.append(
            person.add_company(
                {
                    "TITLE": name,
                    "COMPANY_TYPE": rng.choice(["CUSTOMER", "PARTNER"]),
                    "INDUSTRY": "IT",
                    "EMAIL": [{"VALUE": f"hr{index}@company{index}.test", "VALUE_TYPE": "WORK"}],
                }
            )
        )
    contact_ids = []
    for index in range(contacts):
        contact_ids.append(
            person.add_contact(
                {
                    "NAME": rng.choice(_FIRST),
                    "LAST_NAME": rng.choice(_LAST),
                    "COMPANY_ID": rng.choice(company_ids) if company_ids else 0,
                    "EMAIL": [{"VALUE": f"person{index}@mail.test", "VALUE_TYPE": "WORK"}],
                    "PHONE": [{"VALUE": f"+7900{index:07d}", "VALUE_TYPE": "MOBILE"}],
                }
            )
        )
    for _ in range(deals):
        person.add_deal(
            {
                "TITLE": rng.choice(_ROLES),
                "STAGE_ID": rng.choice(_STAGES),
                "COMPANY_ID": rng.choice(company_ids) if company_ids else 0,
                "CONTACT_IDS": rng.sample(contact_ids, k=min(1, len(contact_ids))),
                "OPPORTUNITY": rng.choice([0, 30000, 45000, 60000]),
            }
        )
