"""The cards of one client on the page: which statement is on which card, and each card's company.

Statements that print no card number are kept apart unless the evidence joins them (:mod:`audit.cards`);
here the user can join them ("same card as …") or keep a file on its own card, and correct the card company
named by the file. The choice goes to the same pipeline the CLI uses (``same_card``; ``audit scan
--same-card``); the card company goes into that card's dispute letters only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import streamlit as st

from audit.cards import Card, issuer_for, label_file
from views.common import Files, lang, md_line, slug, tr

AUTO, OWN = "", "\x00own"
# Offered first when a statement does not state its currency (any other ISO code can be typed).
CURRENCIES = ("JPY", "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SGD", "HKD", "KRW", "CNY", "TWD", "INR",
              "SEK", "NOK", "DKK", "PLN", "MXN", "BRL", "ZAR")


def card_name(label: str) -> str:
    """A card as the page names it: its masked number, or the statement file it was first seen in."""
    if not label:
        return tr("card_unnamed")
    name = label_file(label)
    return tr("card_of_file", name=name) if name else label


def _tag(text: str) -> str:
    """A short stable tag for a widget key (file names and labels may differ only in characters a slug drops)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]


def _choice_key(prefix: str, name: str) -> str:
    return f"{prefix}samecard_{slug(name)}_{_tag(name)}"


def same_card_choice(prefix: str, files: Files) -> dict[str, str]:
    """The user's card choice for these files, read before the scan (file name -> file whose card it is on)."""
    out: dict[str, str] = {}
    names = {n for n, _ in files}
    for name in sorted(names):
        value = st.session_state.get(_choice_key(prefix, name), AUTO)
        if value == OWN:
            out[name] = name
        elif value and value in names:
            out[name] = value
    return out


def _currency_store(prefix: str, name: str) -> str:
    """Where the currency the user gave for a file is kept (outside any widget: it outlives the question)."""
    return f"_filecur_{prefix}{slug(name)}_{_tag(name)}"


def currency_choice(prefix: str, files: Files) -> dict[str, str]:
    """The currencies the user gave for these files, read before the scan (file name -> ISO code)."""
    out = {}
    for name in sorted({n for n, _ in files}):
        value = str(st.session_state.get(_currency_store(prefix, name)) or "")
        if value:
            out[name] = value
    return out


def _keep_currency(widget: str, store: str) -> None:
    from audit.pipeline import currency_code

    value = str(st.session_state.get(widget) or "").strip()
    try:
        st.session_state[store] = currency_code(value) if value else ""
        st.session_state.pop(store + "_bad", None)
    except ValueError:
        st.session_state[store + "_bad"] = value


def set_currency(prefix: str, names: Sequence[str], code: str) -> None:
    """Give ``code`` as the currency of these files (a button's callback: the scan reads them in it)."""
    for name in names:
        st.session_state[_currency_store(prefix, name)] = code
        st.session_state.pop(_currency_store(prefix, name) + "_bad", None)


def _currency_select(prefix: str, name: str, where: str, container: Any, label: str | None = None,
                     hint: str = "") -> None:
    """One file's currency picker (empty: not given); any three-letter code can be typed. Every picker of a
    file (the question above the figures, the files tab, the column picker) shares one answer. ``hint``: what
    the file suggests (:func:`audit.cards.currency_hints`), shown under the picker, never chosen for the user."""
    store = _currency_store(prefix, name)
    widget = f"{store}_{where}"
    st.session_state[widget] = st.session_state.get(store, "")
    choose = tr("currency_choose")
    container.selectbox(md_line(label or name), ["", *CURRENCIES], key=widget, on_change=_keep_currency,
                        args=(widget, store), format_func=lambda c: c or choose, accept_new_options=True)
    if hint:
        from audit.ui_messages import note_text

        container.caption(md_line(tr("currency_hint", hint=note_text(hint, lang()))))
    bad = st.session_state.get(store + "_bad")
    if bad:
        container.error(md_line(tr("currency_bad", name=name, value=bad)))


def ask_currency(prefix: str, unstated: Sequence[str], hints: dict[str, str] | None = None) -> None:
    """Above the figures: the statements that do not state their currency, each with a currency to choose
    (asked once per file; the figures are redrawn in it) and what the file suggests (``hints``: file name ->
    hint, :func:`audit.cards.currency_hints`) beside it."""
    if not unstated:
        return
    with st.container(border=True, key=prefix + "currency_ask"):
        st.warning(tr("currency_ask", n=len(unstated)))
        cols = st.columns(min(3, len(unstated)))
        for i, name in enumerate(unstated):
            _currency_select(prefix, name, "ask", cols[i % len(cols)], hint=(hints or {}).get(name, ""))


def given_currencies(prefix: str, given: dict[str, str]) -> None:
    """In the files tab: the currencies the user gave, to change or take back."""
    if not given:
        return
    st.markdown(f"**{tr('currency_given_header')}**")
    cols = st.columns(min(3, len(given)))
    for i, name in enumerate(sorted(given)):
        _currency_select(prefix, name, "files", cols[i % len(cols)])


def issuer_key(prefix: str, label: str) -> str:
    return f"{prefix}issuer_{slug(label)}_{_tag(label)}"


def issuer_edits(prefix: str, cards: Sequence[Card]) -> dict[str, str]:
    """The card companies the user typed, by card label."""
    return {c.label: str(st.session_state.get(issuer_key(prefix, c.label)) or "").strip() for c in cards}


def contract_issuers(prefix: str, cards: Sequence[Card], contracts: Sequence[Any]) -> dict[str, str]:
    """Each contract's card company (typed for its card, else named by its statement), by contract id."""
    edits = issuer_edits(prefix, cards)
    return {c.id: issuer_for(c, cards, edits) for c in contracts}


def render_cards(prefix: str, cards: Sequence[Card], reports: Sequence[Any]) -> None:
    """One line per card (files, billing currency, country, card company to edit) and the join/split choice."""
    if not cards:
        return
    st.markdown(f"**{tr('cards_header', n=len(cards))}**")
    st.caption(tr("cards_caption"))
    loose = [c for c in cards if not c.numbered]
    for c in cards:
        with st.container(border=True, key=f"{prefix}card_{slug(c.label)}_{_tag(c.label)}"):
            left, right = st.columns([3, 2])
            more = tr("card_more_files", n=len(c.files) - 3) if len(c.files) > 3 else ""  # three are named
            bits = [c.currency or tr("none"), tr(f"help_country_{c.country}") if c.country in ("JP", "US", "GB")
                    else tr("card_country_unknown")]
            left.markdown(f"**{md_line(card_name(c.label))}**  \n" + md_line(
                tr("card_files", files=", ".join(c.files[:3]) + more) + " · " + " · ".join(bits)))
            key = issuer_key(prefix, c.label)
            if key not in st.session_state:
                st.session_state[key] = c.issuer
            right.text_input(tr("card_issuer_label"), key=key, placeholder=tr("card_issuer_placeholder"))
    files = sorted({f for c in loose for f in c.files})
    if len(files) < 2:
        return
    with st.expander(tr("cards_join_header")):
        st.caption(tr("cards_join_caption"))
        currency_of = {f: c.currency for c in loose for f in c.files}
        for name in files:
            options = [AUTO, OWN, *(o for o in files if o != name and currency_of.get(o) == currency_of.get(name))]
            labels = {AUTO: tr("card_choice_auto"), OWN: tr("card_choice_own"),
                      **{o: tr("card_choice_same", name=o) for o in options[2:]}}
            st.selectbox(md_line(name), options, key=_choice_key(prefix, name),
                         format_func=lambda o, labels=labels: labels.get(o, o))


def card_countries(cards: Sequence[Card], currencies: set[str]) -> list[str]:
    """Countries whose help to show: the cards' own countries, else from the billing currencies."""
    from audit.cases.advice import card_countries as from_currencies

    found = [c.country for c in cards if c.country in ("JP", "US", "GB")]
    if found:
        return sorted(set(found), key=["JP", "US", "GB"].index)
    return from_currencies(currencies)


def help_line(countries: Sequence[str]) -> str:
    """Where to turn first, for the cards' countries (the first step's "need help?")."""
    from audit.cases.advice import first_help

    sep = "、" if lang() == "ja" else "; or "
    return sep.join(first_help(lang(), c) for c in countries)
