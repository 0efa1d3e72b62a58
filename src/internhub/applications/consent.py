"""The personal-data consent an applicant accepts (152-ФЗ). Each wording keeps its version for ever:
what a person agreed to is the version stored with them, never "the current text"."""

from __future__ import annotations

CURRENT = "2026-11"

TEXTS: dict[str, dict[str, str]] = {
    "2026-11": {
        "ru": (
            "Я даю согласие на обработку моих персональных данных (ФИО, контакты, сведения об обучении, резюме) "
            "в целях рассмотрения заявки на стажировку или вакансию, передачи их работодателю и учебному "
            "заведению, и хранения в течение трёх лет. Согласие можно отозвать, написав оператору."
        ),
        "en": (
            "I consent to the processing of my personal data (name, contacts, study details, CV) to consider my "
            "application for an internship or vacancy, to share it with the employer and my university, and to "
            "keep it for three years. I may withdraw this consent by writing to the operator."
        ),
    },
}
