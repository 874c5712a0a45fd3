"""The tab shows the engine's data errors, and empty states name the cause that hides clients."""

from __future__ import annotations

import re
from pathlib import Path

from tests.fava_pages import EXTENSION, TAB, fava, page, summary

#: acme's EUR invoice is paid; its CHF one has no price in EUR, so it is left
#: out of the figures (Open 0.00) - and without the plugin line Fava's Errors
#: page says nothing. beta's invoice in EUR is fine.
PARTIAL = """\
option "title" "Studio"
option "operating_currency" "EUR"
{plugin}
2025-01-01 custom "fava-extension" "fava_clienthealth" "{{'as_of': '2025-06-30'}}"
2025-01-01 open Assets:Bank
2025-01-01 open Assets:Receivable
2025-01-01 open Income:Consulting

2025-02-01 * "Acme Inc" "Work EUR, paid" ^inv-a1 #client-acme
  hours: 10
  Assets:Receivable  1000.00 EUR
  Income:Consulting
2025-02-10 * "Acme Inc" "Pay" ^inv-a1
  Assets:Bank  1000.00 EUR
  Assets:Receivable
2025-03-01 * "Acme Inc" "Work CHF, never paid" ^inv-a2 #client-acme
  hours: 40
  Assets:Receivable  20000.00 CHF
  Income:Consulting
2025-03-02 * "Beta Ltd" "Audit" ^inv-b1 #client-beta
  hours: "two"
  Assets:Receivable  500.00 EUR
  Income:Consulting
"""

PLUGIN = "plugin \"beancount_plugins.clienthealth\" \"{'as_of': '2025-06-30'}\""


def notice(html: str) -> str:
    """The data-problems block, or an empty string."""
    found = re.search(r'<details class="ch-errors".*?</details>', html, flags=re.S)
    return found.group(0) if found else ""


def test_data_errors_show_on_the_tab_without_the_plugin(tmp_path: Path) -> None:
    html = page(fava(tmp_path, PARTIAL.format(plugin="")))
    assert summary(html)["Open"] == "500.00"  # the CHF invoice is left out...
    block = notice(html)  # ... and the tab says why, with the entry's place
    assert "<summary>2 data problems" in block
    assert "ledger.beancount:16" in block
    assert "no price of CHF in EUR on 2025-03-01" in block
    assert "ledger.beancount:20" in block  # beta's `hours: two`
    # No plugin line: Fava's Errors page has none of them, so the tab does not link there.
    assert "/studio/errors/" not in block


def test_without_the_plugin_the_tab_shows_the_line_to_add(tmp_path: Path) -> None:
    html = page(fava(tmp_path, PARTIAL.format(plugin="")))
    # The bare line: a min_rate in EUR would be wrong for a ledger in another currency.
    assert "Add the plugin line too" in html
    assert '<code>plugin "beancount_plugins.clienthealth"</code>' in html.replace("&#34;", '"')
    snippet = html.split("Add the plugin line too", 1)[1].split("</pre>", 1)[0]
    assert "min_rate" not in snippet
    assert "fava-extension" not in snippet  # the ledger has that line: the tab shows
    assert "Add the plugin line too" not in page(fava(tmp_path, PARTIAL.format(plugin=PLUGIN)))


def test_with_the_plugin_the_notice_links_to_favas_errors_page(tmp_path: Path) -> None:
    html = page(fava(tmp_path, PARTIAL.format(plugin=PLUGIN)))
    block = notice(html)
    assert "no price of CHF in EUR" in block
    assert 'href="/studio/errors/' in block
    # Each place links to Fava's editor at its line.
    assert re.search(r'href="/studio/editor/\?[^"]*line=16', block)


def test_a_client_page_shows_that_clients_errors(tmp_path: Path) -> None:
    client = fava(tmp_path, PARTIAL.format(plugin=PLUGIN))
    acme = notice(page(client, f"{TAB}?client=acme"))
    assert "<summary>1 data problem" in acme
    assert "no price of CHF" in acme
    assert "hours" not in acme.split("</summary>", 1)[1].split("</ul>")[0]
    assert "1 more" in acme  # beta's, one click away
    beta = notice(page(client, f"{TAB}?client=beta"))
    assert "hours: must be" in beta
    assert "no price of CHF" not in beta


def test_a_client_page_without_errors_of_its_own_points_at_the_others(tmp_path: Path) -> None:
    """beta's CHF invoice lacks the price too, but the error is on acme's, the first."""
    text = PARTIAL.format(plugin=PLUGIN).replace('hours: "two"', "hours: 2")
    text += """\
2025-03-05 * "Beta Ltd" "Work CHF" ^inv-b2 #client-beta
  Assets:Receivable  3000.00 CHF
  Income:Consulting
"""
    html = page(fava(tmp_path, text), f"{TAB}?client=beta")
    assert notice(html) == ""  # no error names beta's entries...
    assert "1 on other entries may leave out some of its amounts" in html  # ... but one counts
    assert 'href="/studio/extension/ClientHealth/"' in html


def test_a_client_directive_with_an_amount_for_id_leaves_client_pages_working(
    tmp_path: Path,
) -> None:
    text = PARTIAL.format(plugin=PLUGIN) + '2025-01-01 custom "client" 100.00 EUR\n'
    html = page(fava(tmp_path, text), f"{TAB}?client=beta")
    assert "hours: must be" in notice(html)


def test_many_errors_show_the_first_twenty(tmp_path: Path) -> None:
    bad = "".join(
        f'2025-04-{day:02d} * "Beta Ltd" "Call" #client-beta\n  hours: "x{day}"\n'
        for day in range(1, 26)
    )
    html = page(fava(tmp_path, PARTIAL.format(plugin="") + bad))
    block = notice(html)
    assert "<summary>27 data problems" in block
    assert block.count("<li>") == 20
    assert "and 7 more" in block


def test_no_errors_no_notice(tmp_path: Path) -> None:
    text = PARTIAL.format(plugin=PLUGIN).replace('hours: "two"', "hours: 2")
    text += "2025-01-01 price CHF 1.05 EUR\n"
    assert 'class="ch-errors"' not in page(fava(tmp_path, text))


# --- empty states -----------------------------------------------------------------------------

#: Every invoice is in USD, and there is no USD->EUR price: no client has figures.
NO_PRICE = """\
option "title" "Studio"
option "operating_currency" "EUR"
plugin "beancount_plugins.clienthealth" "{'as_of': '2025-06-30'}"
2025-01-01 custom "fava-extension" "fava_clienthealth"
2025-01-01 open Assets:Bank
2025-01-01 open Assets:Receivable
2025-01-01 open Income:Consulting
2025-02-01 * "Acme Inc" "Work" ^inv-a1 #client-acme
  Assets:Receivable  1000.00 USD
  Income:Consulting
2025-03-01 * "Acme Inc" "Pay" ^inv-a1
  Assets:Bank  400.00 USD
  Assets:Receivable
"""


def test_invoices_without_figures_point_at_the_data_errors(tmp_path: Path) -> None:
    html = page(fava(tmp_path, NO_PRICE))
    assert "No client yet" not in html
    assert "Tag each invoice" not in html
    assert "1 invoice of 1 client, but no client has figures" in html
    assert "no price of USD in EUR" in html
    assert "no price of USD in EUR" in notice(html)


#: The config judges the ledger at 2024-12-31; every entry is in 2025.
EARLY = """\
option "title" "Studio"
option "operating_currency" "EUR"
plugin "beancount_plugins.clienthealth" "{'as_of': '2024-12-31'}"
2025-01-01 custom "fava-extension" "fava_clienthealth"
2025-01-01 open Assets:Receivable
2025-01-01 open Income:Consulting
2025-03-05 * "Euro GmbH" "Work" ^inv-e1 #client-euro
  hours: 5
  Assets:Receivable  500.00 EUR
  Income:Consulting
"""


def test_without_a_time_filter_the_config_hides_the_clients(tmp_path: Path) -> None:
    html = page(fava(tmp_path, EARLY))
    assert "time filter to see them" not in html
    assert "No client has an invoice, hours or costs from 2024-01-02 to 2024-12-31" in html
    assert "as_of 2024-12-31 and window_days 365" in html
    # Either line may hold them: the extension line overrides the plugin line.
    assert "change them in the config (the plugin line, or the extension line" in html
    assert "No client yet" not in html


def test_with_a_time_filter_the_filter_hides_the_clients(tmp_path: Path) -> None:
    html = page(fava(tmp_path, EARLY), f"{TAB}?time=2024")
    assert "Widen Fava's time filter to see them" in html
    assert "as_of 2024-12-31" not in html


def test_clients_dated_after_today_are_no_tagging_mistake(tmp_path: Path) -> None:
    # The tab judges as of today at the latest: a ledger of future invoices is not empty.
    future = EARLY.replace(" \"{'as_of': '2024-12-31'}\"", "").replace("2025-03-05", "2099-03-05")
    assert 'clienthealth"\n' in future
    html = page(fava(tmp_path, future))
    assert "No client yet" not in html
    assert "they are dated later" in html
    assert "Set a later as_of in the config to judge them." in html
    filtered = page(fava(tmp_path, future), f"{TAB}?time=2099")
    assert "A time filter judges the ledger as of today at the latest: clear it" in filtered


def test_future_clients_do_not_hide_an_unpriced_one_up_to_today(tmp_path: Path) -> None:
    text = EARLY.replace(" \"{'as_of': '2024-12-31'}\"", "").replace("500.00 EUR", "500.00 USD")
    text = text.replace("  hours: 5\n", "")  # no figures at all up to today: no price
    text += '2099-01-10 * "Later" "Work" #client-later\n  Assets:Receivable  100.00 EUR\n'
    text += "  Income:Consulting\n"
    html = page(fava(tmp_path, text))
    assert "dated later" not in html
    assert "no price of USD in EUR" in html


def test_an_empty_ledger_still_teaches_the_tags(tmp_path: Path) -> None:
    html = page(fava(tmp_path, f'option "title" "Studio"\n{EXTENSION}\n'))
    assert "No client yet" in html
    assert 'class="ch-errors"' not in html


#: acme pays on its own receivable sub-account, untagged (rule 4), naming its
#: invoice on the posting with a number; a project of acme has a bad fee.
MARKED = """\
option "title" "Studio"
option "operating_currency" "EUR"
plugin "beancount_plugins.clienthealth" "{'as_of': '2025-06-30'}"
2025-01-01 custom "fava-extension" "fava_clienthealth"
2025-01-01 open Assets:Bank
2025-01-01 open Assets:Receivable:Acme
2025-01-01 open Assets:Receivable:Beta
2025-01-01 open Income:Consulting
2025-01-01 custom "project" "site"
  client: "acme"
  fee: "lots"

2025-02-01 * "Acme Inc" "Work" ^inv-a1 #client-acme
  Assets:Receivable:Acme  1000.00 EUR
  Income:Consulting
2025-02-01 * "Beta Ltd" "Work" ^inv-b1 #client-beta
  Assets:Receivable:Beta  500.00 EUR
  Income:Consulting
2025-02-10 * "Bank" "Transfer"
  Assets:Bank  1000.00 EUR
  Assets:Receivable:Acme  -1000.00 EUR
    invoice: 42
"""


def test_a_client_page_shows_the_errors_the_engine_found_on_its_entries(tmp_path: Path) -> None:
    """Neither the transfer (its account ties it to acme) nor the project names acme by tag."""
    client = fava(tmp_path, MARKED)
    acme = notice(page(client, f"{TAB}?client=acme"))
    assert "<summary>2 data problems" in acme
    assert "invoice: must be a string, not " in acme
    assert "fee: must be an amount" in acme
    assert notice(page(client, f"{TAB}?client=beta")) == ""
