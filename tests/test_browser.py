# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""A store manager signs into the web client on a freshly loaded demo chain,
opens the stores and the sales per store, and sees what the books hold."""
from decimal import Decimal

from demo_server import ARTIFACTS, DATABASE, query


def store_revenues(demo):
    "Revenue without tax of the posted counter sales, per store name"
    rows = query(demo, """
        SELECT s.name, SUM(l.quantity * l.unit_list_price)
        FROM sale_point_sale_line l
        JOIN sale_point_sale p ON l.sale = p.id
        JOIN retail_store s ON p.store = s.id
        WHERE p.state IN ('done', 'posted')
        GROUP BY s.name""")
    return {name: Decimal(str(amount)).quantize(Decimal('0.01'))
        for name, amount in rows}


def sign_in(page, demo):
    page.goto(demo['url'] + '#' + DATABASE)
    page.fill('#login', 'admin')
    page.click('button[type=submit]')
    page.fill('input[type=password]', 'admin')
    page.keyboard.press('Enter')
    # The session is open once the password is taken and the menu filled
    page.locator('input[type=password]').wait_for(state='detached')
    page.locator('#menu tr').first.wait_for(state='attached')


def test_stores_and_sales_per_store(demo, page):
    ARTIFACTS.mkdir(exist_ok=True)
    sign_in(page, demo)

    page.goto(demo['url'] + '#%s/model/retail.store' % DATABASE)
    for name in ["小寨店", "钟楼店", "高新店"]:
        page.locator('td:visible').get_by_text(name, exact=True).wait_for()
    page.screenshot(path=str(ARTIFACTS / 'stores.png'))

    revenues = store_revenues(demo)
    assert set(revenues) == {"小寨店", "钟楼店", "高新店"}
    assert all(amount > 0 for amount in revenues.values())
    page.goto(demo['url'] + '#%s/model/sale.reporting.store'
        ';context_model=sale.reporting.context' % DATABASE)
    for name, amount in revenues.items():
        # The store's row of the report shows its revenue from the books
        page.locator('tr:visible').filter(has_text="] " + name).filter(
            has_text='{:,.2f}'.format(amount)).first.wait_for()
    page.screenshot(path=str(ARTIFACTS / 'sales_per_store.png'))
