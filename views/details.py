"""The letter details on the page: the user's own (the sidebar), each contract's merchant fields, an order
e-mail's suggestions, and merchant fields left among the user's own details given to one contract.

Streamlit glue over :class:`audit.cases.letters.LetterDetails` (the CLI's ``audit letters`` takes the same fields).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import streamlit as st

from views.common import UPLOAD_LIMIT_MB, keep_uploads, md_line, tr

# The user's own details, the same in every letter (the sidebar). The card company is per card (views/cards.py);
# what belongs to one merchant is per contract (CONTRACT_FIELDS, in each contract's box), never in every letter.
DETAIL_FIELDS = ("name", "name_ja", "email", "address", "phone")
CONTRACT_FIELDS = ("merchant_email", "order_number", "product", "request_date")




def _remember(key: str) -> None:
    """Keep a text field's value outside the widget, so switching language or mode never loses it."""
    st.session_state["_keep_" + key] = st.session_state.get(key, "")


def kept_text_input(label: str, key: str, **kwargs: Any) -> str:
    if key not in st.session_state:
        st.session_state[key] = st.session_state.get("_keep_" + key, "")
    value = st.text_input(label, key=key, on_change=_remember, args=(key,), **kwargs)
    st.session_state["_keep_" + key] = value
    return value


def _set_field(key: str, value: str) -> None:
    st.session_state[key] = value
    st.session_state["_keep_" + key] = value


def eml_prefill(key: str, fields: str) -> None:
    """Upload an order-confirmation .eml for one contract: what it holds is offered for the contract's fields
    (``fields``: their widget-key prefix) and used only when the user confirms it (:func:`eml_suggestions`)."""
    from audit.cases.eml import parse_order_email

    up = st.file_uploader(tr("eml_label"), type=["eml"], key=key, help=tr("eml_help"),
                          max_upload_size=UPLOAD_LIMIT_MB)
    if up is None:
        return
    data = up.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    try:
        info = parse_order_email(data)
    except ValueError as exc:
        st.error(md_line(tr("eml_error", name=up.name, why=exc)))
        return
    st.session_state[fields + "eml_currency"] = info.currency()  # offered for the card when its file states none
    if st.session_state.get(key + "_digest") != digest:
        offer_suggestions(fields, digest, info.suggestions())
        st.session_state[key + "_digest"] = digest
    _show_eml_found(up.name, info)


def offer_suggestions(fields: str, digest: str, values: dict[str, str]) -> None:
    """Keep what an order e-mail suggests for a contract's fields until the user takes it or leaves it."""
    if st.session_state.get(fields + "suggest_done") != digest:
        st.session_state[fields + "suggest"] = (digest, dict(values))


def _use_suggestions(fields: str, digest: str, values: dict[str, str]) -> None:
    for name, value in values.items():
        _set_field(fields + name, value)
    st.session_state[fields + "suggest_done"] = digest


def _leave_suggestions(fields: str, digest: str) -> None:
    st.session_state[fields + "suggest_done"] = digest


def pending_suggestions(fields: str) -> bool:
    """An order e-mail's suggestions wait for the user's answer."""
    got = st.session_state.get(fields + "suggest")
    return bool(got and got[1] and st.session_state.get(fields + "suggest_done") != got[0])


def eml_suggestions(fields: str) -> None:
    """What an order e-mail suggests for one contract (cleaned: an order number, a product name, one address),
    with "use" and "leave": nothing the merchant wrote reaches a letter until the user takes it. Drawn before
    the fields (a callback fills them)."""
    if not pending_suggestions(fields):
        return
    digest, values = st.session_state[fields + "suggest"]
    with st.container(border=True, key=fields + "suggest_box"):
        st.markdown(tr("eml_suggest_intro"))
        keep = [values["order_number"]] if values.get("order_number") else []
        st.markdown("\n".join(f"- {md_line(tr(name))}: **{md_line(value, keep=keep)}**"
                              for name, value in values.items()))
        c1, c2 = st.columns(2)
        c1.button(tr("eml_use"), key=fields + "suggest_use", type="primary", on_click=_use_suggestions,
                  args=(fields, digest, values))
        c2.button(tr("eml_leave"), key=fields + "suggest_leave", on_click=_leave_suggestions, args=(fields, digest))


_EML_LABELS = [("merchant_name", "eml_field_merchant"), ("merchant_email", "eml_field_email"),
               ("order_number", "eml_field_order"), ("purchase_date", "eml_field_date"),
               ("product", "eml_field_product"), ("amount", "eml_field_amount")]


def _show_eml_found(name: str, info: Any) -> None:
    """One line saying what an order e-mail gave (or that it gave nothing)."""
    found = [f"{tr(label)}: {getattr(info, attr)}" for attr, label in _EML_LABELS if getattr(info, attr, None)]
    if found:  # the order number as the merchant wrote it: it is no card number, even when it passes Luhn
        keep = [str(info.order_number)] if getattr(info, "order_number", None) else []
        st.success(md_line(tr("eml_found", name=name, found=" / ".join(found)), keep=keep))
    else:
        st.warning(md_line(tr("eml_nothing", name=name)))


def eml_upload(key: str) -> None:
    """An order-confirmation .eml for the whole page: parsed once per file (cached), then matched to its
    contract when the contracts are drawn (:func:`views.contracts.apply_pending_eml`), never to all of them."""
    import hashlib

    from audit.cases.eml import parse_order_email

    up = st.file_uploader(tr("eml_label"), type=["eml"], key=key, help=tr("eml_help"), max_upload_size=UPLOAD_LIMIT_MB)
    kept = keep_uploads(key, [(up.name, up.getvalue())] if up is not None else [])
    if not kept:
        st.session_state.pop(key + "_pending", None)
        return
    name, data = kept[0]
    try:
        info = parse_order_email(data)
    except ValueError as exc:
        st.error(md_line(tr("eml_error", name=name, why=exc)))
        return
    st.session_state[key + "_pending"] = (hashlib.sha256(data).hexdigest(), info)
    _show_eml_found(name, info)


def details_inputs(prefix: str) -> Any:
    """The user's own details (name, name in Japanese script, e-mail, address, phone) and an order e-mail matched
    to its contract; returns :class:`audit.cases.letters.LetterDetails` (no merchant's field: those are per
    contract, :data:`CONTRACT_FIELDS`)."""
    from audit.cases.letters import LetterDetails

    eml_upload(prefix + "eml")
    values = {f: kept_text_input(tr(f), key=prefix + f, help=tr(f + "_help") if f in ("name_ja", "address") else None)
              for f in DETAIL_FIELDS}
    return LetterDetails(**{k: v.strip() for k, v in values.items()})


def shared_merchant_fields(prefix: str) -> dict[str, str]:
    """Merchant fields typed where the user's own details are (a page from before they moved to each contract):
    field -> value; they reach no letter until they are given to one contract (:func:`move_shared_fields`)."""
    out = {}
    for f in CONTRACT_FIELDS:
        value = str(st.session_state.get("_keep_" + prefix + f) or st.session_state.get(prefix + f) or "").strip()
        if value:
            out[f] = value
    return out


def _move_shared(prefix: str, target: str | None, values: dict[str, str]) -> None:
    """Give the shared merchant fields to one contract (``target``: its field prefix; its own typed values win),
    or drop them (``None``)."""
    for f, value in values.items():
        if target and not str(st.session_state.get("_keep_" + target + f) or "").strip():
            _set_field(target + f, value)
        for key in (prefix + f, "_keep_" + prefix + f):
            st.session_state.pop(key, None)


def letter_contracts(contracts: Sequence[Any]) -> list[Any]:
    """The suspicious contracts that get letters (a prepaid-only group has no merchant to write to)."""
    from audit.cases.export import is_prepaid_only

    return [c for c in contracts if c.suspicious and not is_prepaid_only(c)]


def move_shared_fields(prefix: str, fields_prefix: str, contracts: Sequence[Any]) -> None:
    """Merchant fields (order number, merchant e-mail, product, request date) typed among the user's own details:
    with one suspicious contract they go to it; with several the page asks which contract they belong to (or
    drops them). Until then no letter uses them: one merchant's order number never reaches another merchant."""
    values = shared_merchant_fields(prefix)
    if not values:
        return
    shown = ", ".join(f"{tr(f)}: {v}" for f, v in values.items())
    keep = [values["order_number"]] if values.get("order_number") else []
    if len(contracts) == 1:
        c = contracts[0]
        _move_shared(prefix, f"{fields_prefix}{c.id}_", values)
        st.info(md_line(tr("shared_moved", fields=shown, contract=f"{c.id}: {c.merchant}"), keep=keep))
        return
    if not contracts:
        return  # kept (unused) until there is a contract to give them to
    with st.container(border=True, key=prefix + "shared_box"):
        st.warning(md_line(tr("shared_ask", fields=shown), keep=keep))
        ids = [c.id for c in contracts]
        names = {c.id: f"{c.id}: {c.merchant}" for c in contracts}
        pick = st.selectbox(tr("shared_pick"), ids, key=prefix + "shared_pick", format_func=names.get)
        c1, c2 = st.columns(2)
        c1.button(tr("shared_give"), key=prefix + "shared_give", type="primary", on_click=_move_shared,
                  args=(prefix, f"{fields_prefix}{pick}_", values))
        c2.button(tr("shared_drop"), key=prefix + "shared_drop", on_click=_move_shared, args=(prefix, None, values))


def contract_fields(prefix: str, contracts: Sequence[Any], base: Any,
                    issuers: dict[str, str] | None = None) -> dict[str, Any]:
    """Each contract's own merchant details (typed or from its .eml) with the user's own ones, by contract id;
    the card company is that of the contract's card (``issuers``: by contract id)."""
    import dataclasses

    out = {}
    for c in contracts:
        own = {f: str(st.session_state.get(f"_keep_{prefix}{c.id}_{f}") or "").strip() for f in CONTRACT_FIELDS}
        own["card_issuer"] = (issuers or {}).get(c.id, "")
        out[c.id] = dataclasses.replace(base, **{k: v for k, v in own.items() if v})
    return out
