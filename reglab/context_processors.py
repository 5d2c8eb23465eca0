from .models import is_facilitator, region_of


def membership(request):
    user = getattr(request, "user", None)
    if user is None:
        return {}
    # Autosave keys whose text the server has just saved: the page tells
    # autosave.js to drop the browser's copy (see remember_saved_draft).
    session = getattr(request, "session", None)
    clear = session.pop("clear_drafts", []) if session is not None else []
    return {
        "user_region": region_of(user),
        "user_is_facilitator": is_facilitator(user),
        "clear_drafts": " ".join(clear),
    }


def remember_saved_draft(request, key: str) -> None:
    request.session["clear_drafts"] = [*request.session.get("clear_drafts", []), key]
