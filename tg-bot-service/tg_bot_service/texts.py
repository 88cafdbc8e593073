"""Every phrase the bot says, in Russian (the default) and English."""

# Cyrillic letters that look Latin are intended here: the texts are Russian.
# ruff: noqa: RUF001

from typing import Literal

Language = Literal["ru", "en"]
DEFAULT_LANGUAGE: Language = "ru"
LANGUAGES: tuple[Language, ...] = ("ru", "en")

_TEXTS: dict[str, dict[Language, str]] = {
    "greeting": {
        "ru": "Здравствуйте! Это бот студии английского «{studio}». Чем помочь?",
        "en": "Hello! This is the {studio} studio bot. How can we help?",
    },
    "menu": {"ru": "Главное меню", "en": "Main menu"},
    "btn_trial": {"ru": "🎓 Пробный урок", "en": "🎓 Trial lesson"},
    "btn_prices": {"ru": "💳 Цены и форматы", "en": "💳 Prices and formats"},
    "btn_lessons": {"ru": "📅 Мои занятия", "en": "📅 My lessons"},
    "btn_contact": {"ru": "☎️ Связаться со студией", "en": "☎️ Contact the studio"},
    "btn_language": {"ru": "🌐 Язык / Language", "en": "🌐 Language / Язык"},
    "btn_app": {"ru": "📱 Открыть приложение", "en": "📱 Open the app"},
    "btn_back": {"ru": "⬅️ Назад", "en": "⬅️ Back"},
    "btn_cancel": {"ru": "✖️ Отмена", "en": "✖️ Cancel"},
    "btn_menu": {"ru": "🏠 Меню", "en": "🏠 Menu"},
    "prices": {
        "ru": (
            "Форматы занятий:\n"
            "• Индивидуально с преподавателем, 60 минут — {individual}\n"
            "• В мини-группе до 6 человек, 60 минут — {group}\n"
            "• Пробный урок — бесплатно\n"
            "Занятия онлайн и в студии; абонементы выгоднее разовых уроков."
        ),
        "en": (
            "Lesson formats:\n"
            "• One-to-one with a teacher, 60 minutes — {individual}\n"
            "• Small group of up to 6, 60 minutes — {group}\n"
            "• Trial lesson — free\n"
            "Online or at the studio; packages cost less than single lessons."
        ),
    },
    "price_on_request": {"ru": "по запросу", "en": "on request"},
    "contact": {
        "ru": "Связаться со студией «{studio}»:\n{lines}",
        "en": "Contact the {studio} studio:\n{lines}",
    },
    "contact_phone": {"ru": "Телефон: {value}", "en": "Phone: {value}"},
    "contact_email": {"ru": "Почта: {value}", "en": "Email: {value}"},
    "contact_telegram": {"ru": "Telegram: {value}", "en": "Telegram: {value}"},
    "contact_here": {
        "ru": "Напишите нам прямо здесь — администратор ответит.",
        "en": "Write to us right here and an administrator will answer.",
    },
    "language_choose": {"ru": "Выберите язык:", "en": "Choose a language:"},
    "language_set": {"ru": "Готово, говорим по-русски.", "en": "Done, we speak English now."},
    "expired_button": {"ru": "Эта кнопка уже не действует.", "en": "This button no longer works."},
    "unavailable": {
        "ru": "Сервис временно недоступен. Попробуйте, пожалуйста, чуть позже.",
        "en": "The service is temporarily unavailable. Please try again a little later.",
    },
    "error": {
        "ru": "Что-то пошло не так. Попробуйте ещё раз или откройте /menu.",
        "en": "Something went wrong. Please try again or open /menu.",
    },
    # Trial request.
    "trial_ask_name": {
        "ru": "Запишем вас на бесплатный пробный урок. Как вас зовут?",
        "en": "Let's book a free trial lesson. What is your name?",
    },
    "trial_bad_name": {
        "ru": "Напишите, пожалуйста, имя текстом — от 2 до 60 букв.",
        "en": "Please type your name — 2 to 60 letters.",
    },
    "trial_ask_phone": {
        "ru": "Оставьте номер телефона: нажмите кнопку ниже или напишите его, например +7 912 345-67-89.",
        "en": "Share your phone number: tap the button below or type it, e.g. +7 912 345-67-89.",
    },
    "btn_share_phone": {"ru": "📱 Отправить мой номер", "en": "📱 Share my number"},
    "trial_bad_phone": {
        "ru": "Не похоже на номер телефона. Напишите его полностью, например +7 912 345-67-89.",
        "en": "That does not look like a phone number. Please type it in full, e.g. +7 912 345-67-89.",
    },
    "trial_phone_ok": {"ru": "Телефон: {phone}", "en": "Phone: {phone}"},
    "trial_ask_age": {
        "ru": "Занятия нужны взрослому или ребёнку?",
        "en": "Are the lessons for an adult or a child?",
    },
    "age_adult": {"ru": "Взрослому", "en": "An adult"},
    "age_child": {"ru": "Ребёнку", "en": "A child"},
    "trial_ask_level": {
        "ru": "Как вы оцениваете уровень английского?",
        "en": "How would you rate the English level?",
    },
    "level_A1": {"ru": "Начинающий (A1)", "en": "Beginner (A1)"},
    "level_A2": {"ru": "Элементарный (A2)", "en": "Elementary (A2)"},
    "level_B1": {"ru": "Средний (B1)", "en": "Intermediate (B1)"},
    "level_B2": {"ru": "Выше среднего (B2)", "en": "Upper-intermediate (B2)"},
    "level_C1": {"ru": "Продвинутый (C1)", "en": "Advanced (C1)"},
    "level_C2": {"ru": "Свободный (C2)", "en": "Proficient (C2)"},
    "level_unknown": {"ru": "Не знаю", "en": "Not sure"},
    "trial_ask_goal": {"ru": "Какая главная цель?", "en": "What is the main goal?"},
    "goal_conversation": {"ru": "Разговорный английский", "en": "Speaking"},
    "goal_career": {"ru": "Для работы", "en": "For work"},
    "goal_exam": {"ru": "Экзамен (ОГЭ, ЕГЭ, IELTS)", "en": "An exam (IELTS and others)"},
    "goal_travel": {"ru": "Путешествия", "en": "Travel"},
    "goal_school": {"ru": "Помощь со школой", "en": "School support"},
    "goal_other": {"ru": "Другое", "en": "Something else"},
    "trial_ask_time": {
        "ru": "Выберите свободное время пробного урока (время {zone}) или когда вам удобнее:",
        "en": "Pick a free time for the trial lesson ({zone} time) or when it suits you best:",
    },
    "trial_slot_taken": {
        "ru": "Это время только что заняли. Выберите, пожалуйста, другое.",
        "en": "Someone has just taken that time. Please choose another.",
    },
    "trial_ask_time_no_slots": {
        "ru": "Когда вам удобнее заниматься? Администратор подберёт время.",
        "en": "When would you like to study? An administrator will find a time.",
    },
    "time_morning": {"ru": "Утром", "en": "In the morning"},
    "time_afternoon": {"ru": "Днём", "en": "In the afternoon"},
    "time_evening": {"ru": "Вечером", "en": "In the evening"},
    "time_any": {"ru": "В любое время", "en": "Any time"},
    "trial_confirm": {
        "ru": (
            "Проверьте заявку:\n"
            "Имя: {name}\nТелефон: {phone}\nДля кого: {age}\nУровень: {level}\nЦель: {goal}\nВремя: {time}"
        ),
        "en": (
            "Please check your request:\n"
            "Name: {name}\nPhone: {phone}\nFor: {age}\nLevel: {level}\nGoal: {goal}\nTime: {time}"
        ),
    },
    "btn_send": {"ru": "✅ Отправить заявку", "en": "✅ Send the request"},
    "trial_sent": {
        "ru": "Спасибо, {name}! Заявка принята — администратор свяжется с вами и подтвердит время.",
        "en": "Thank you, {name}! Your request is in — an administrator will contact you to confirm the time.",
    },
    "trial_not_sent": {
        "ru": "Не получилось отправить заявку. Попробуйте ещё раз через минуту — ваши ответы сохранены.",
        "en": "We could not send the request. Please try again in a minute — your answers are saved.",
    },
    "trial_cancelled": {"ru": "Заявка отменена.", "en": "Request cancelled."},
    "trial_too_many": {
        "ru": "Мы уже получили ваши заявки сегодня — администратор свяжется с вами. Новую можно отправить завтра.",
        "en": (
            "We already have your requests for today — an administrator will contact you. "
            "You can send a new one tomorrow."
        ),
    },
    # Account linking.
    "link_ok": {
        "ru": "Готово, {first_name}! Telegram привязан к вашему аккаунту — сюда будут приходить напоминания.",
        "en": "Done, {first_name}! Telegram is linked to your account — reminders will come here.",
    },
    "link_invalid": {
        "ru": "Ссылка недействительна или устарела. Получите новую в приложении: Профиль → Telegram.",
        "en": "This link is invalid or expired. Get a new one in the app: Profile → Telegram.",
    },
    "link_conflict": {
        "ru": "Этот Telegram уже привязан к другому аккаунту. Напишите администратору студии.",
        "en": "This Telegram is already linked to another account. Please contact the studio.",
    },
    # My lessons.
    "not_linked": {
        "ru": "Сначала привяжите Telegram к аккаунту: в приложении откройте Профиль → Telegram.",
        "en": "Link Telegram to your account first: in the app open Profile → Telegram.",
    },
    "lessons_none": {
        "ru": "В ближайшие две недели занятий нет.",
        "en": "No lessons in the next two weeks.",
    },
    "lessons_header": {"ru": "Ваши занятия ({zone}):", "en": "Your lessons ({zone} time):"},
    "lesson_individual": {"ru": "индивидуальное", "en": "one-to-one"},
    "lesson_group": {"ru": "групповое", "en": "group"},
    "lesson_trial": {"ru": "пробное", "en": "trial"},
    # Feedback.
    "feedback_thanks": {
        "ru": (
            "Спасибо за оценку {rating} из 5! Хотите добавить пару слов о занятии? "
            "Напишите их сообщением или нажмите «Пропустить»."
        ),
        "en": (
            "Thank you for rating it {rating} out of 5! Would you like to add a few words? Type them, or tap “Skip”."
        ),
    },
    "btn_skip": {"ru": "Пропустить", "en": "Skip"},
    "feedback_saved": {"ru": "Спасибо! Отзыв передан в студию.", "en": "Thank you! Your feedback is with the studio."},
    "feedback_already": {
        "ru": "Вы уже оценили это занятие — спасибо!",
        "en": "You have already rated this lesson — thank you!",
    },
    "feedback_rejected": {
        "ru": "Не удалось сохранить отзыв: занятие не найдено среди ваших.",
        "en": "Could not save the feedback: this lesson is not among yours.",
    },
    "feedback_comment_too_long": {
        "ru": "Слишком длинный отзыв — уложитесь, пожалуйста, в 1000 символов.",
        "en": "That is too long — please keep it under 1000 characters.",
    },
}

_WEEKDAYS: dict[Language, tuple[str, ...]] = {
    "ru": ("пн", "вт", "ср", "чт", "пт", "сб", "вс"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


def weekday_name(language: str, weekday: int) -> str:
    """Short weekday name, Monday being 0."""
    return _WEEKDAYS[normalize_language(language)][weekday]


def t(language: str, key: str, **values: object) -> str:
    """The phrase `key` in `language` (Russian when the language is unknown)."""
    text = _TEXTS[key][normalize_language(language)]
    return text.format(**values) if values else text


def normalize_language(value: str | None) -> Language:
    return "en" if value == "en" else "ru"
