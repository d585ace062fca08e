# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""A cashier of 小寨店 opens the counter screen from the Retail menu, scans
three items, attaches a member, is paid by WeChat and in cash and prints the
receipt; the books and the stock hold the sale.  A sale whose answer was lost
is sent again, even after a reload, and recorded once."""
import datetime as dt
import json
from decimal import Decimal

from demo_server import ARTIFACTS, DATABASE, DONE_MOVES, Client, query

TILL = "小寨店 1号收银台"


def sellable_barcodes(demo, count):
    "EAN codes of products in stock at 小寨店 in lots far from expiry"
    far = (dt.date.today() + dt.timedelta(days=90)).isoformat()
    rows = query(demo, """
        SELECT i.code FROM %s
        JOIN stock_lot l ON l.id = m.lot
        JOIN stock_location w ON w.storage_location = m.location
        JOIN retail_store s ON s.warehouse = w.id
        JOIN product_identifier i ON i.product = m.product
        WHERE s.name = '小寨店' AND i.type = 'ean'
            AND l.shelf_life_expiration_date > '%s'
        GROUP BY i.code
        HAVING SUM(m.quantity) >= 5
        ORDER BY i.code
        LIMIT %d""" % (DONE_MOVES, far, count))
    assert len(rows) == count
    return [code for code, in rows]


def counter_url(demo):
    "The URL the Retail menu's 收银台 entry opens"
    (menu,), = query(demo, """
        SELECT db_id FROM ir_model_data
        WHERE module = 'retail_cloud' AND fs_id = 'menu_counter'""")
    client = Client(demo['url'], 'admin', 'admin')
    action, = client.model(
        'ir.action.keyword', 'get_keyword', 'tree_open', ['ir.ui.menu', menu])
    assert action['name'] == "收银台"
    return demo['url'] + action['url']


def sign_in_at_till(page, demo):
    page.goto(counter_url(demo))
    page.fill('#login', 'admin')
    page.fill('#password', 'admin')
    page.click('#signin-form button[type=submit]')
    page.get_by_role('button', name=TILL).click()
    page.locator('#point-name').filter(has_text=TILL).wait_for()


def scan(page, code):
    "Type the code into the focused field and press Enter, as a scanner does"
    lines = page.locator('#cart-lines tr').count()
    page.keyboard.type(code)
    page.keyboard.press('Enter')
    page.locator('#cart-lines tr').nth(lines).wait_for()


def money(value):
    "A database amount as Decimal: SQLite stores Numeric as text bytes"
    if isinstance(value, bytes):
        value = value.decode()
    return Decimal(str(value)).quantize(Decimal('0.01'))


def cents(text):
    "The amount in a text such as ¥1,234.50"
    return Decimal(text.replace('¥', '').replace(',', '').strip())


def test_cashier_sells_three_items_to_a_member(demo, page):
    ARTIFACTS.mkdir(exist_ok=True)
    barcodes = sellable_barcodes(demo, 3)
    (phone, member), = query(demo, """
        SELECT c.value, p.name FROM party_contact_mechanism c
        JOIN party_party p ON p.id = c.party
        WHERE c.type = 'mobile' ORDER BY p.code LIMIT 1""")
    sign_in_at_till(page, demo)

    for code in barcodes:
        scan(page, code)
    assert page.locator('#cart-lines tr').count() == 3
    # A second scan of an item adds to its line; − takes it back
    scan_again = page.locator('#cart-lines tr').first
    scan_again.get_by_role('button', name='+').click()
    assert scan_again.locator('.qty-value').inner_text().strip() == '2'
    scan_again.get_by_role('button', name='−').click()
    assert scan_again.locator('.qty-value').inner_text().strip() == '1'
    # 10% off the last item
    discount = page.locator('#cart-lines tr').last.locator('input.discount')
    discount.fill('10')
    discount.press('Enter')
    assert page.evaluate('document.activeElement.id') == 'scan'

    # Typing pinyin initials lists the products: 玻尿酸 is "bns"
    page.keyboard.type('bns')
    page.locator('#results li').first.wait_for()
    assert "玻尿酸" in page.locator('#results').inner_text()
    page.keyboard.press('Escape')
    page.fill('#scan', '')

    page.fill('#member-phone', phone)
    page.click('#member-form button[type=submit]')
    page.locator('#member-name').filter(has_text=member).wait_for()
    assert page.locator('#member-tier').inner_text() != '—'
    page.screenshot(path=str(ARTIFACTS / 'counter_cart.png'))
    total = cents(page.inner_text('#total'))

    page.click('#pay-button')
    wechat = page.locator('#pay-methods tr').filter(has_text="微信支付")
    cash = page.locator('#pay-methods tr').filter(has_text="现金")
    wechat.locator('input').fill('100')
    # Short of the total: the sale cannot be completed
    page.click('#pay-submit')
    page.locator('#pay-error').filter(has_text="还差").wait_for()
    cash.locator('input').fill(str(total - 100 + 50))
    assert cents(page.inner_text('#pay-change')) == Decimal('50.00')
    page.screenshot(path=str(ARTIFACTS / 'counter_payment.png'))
    page.click('#pay-submit')

    receipt = page.locator('#receipt')
    receipt.wait_for()
    number = receipt.locator('.receipt-number').inner_text().split('：')[1]
    # The server priced the sale as the screen did
    assert cents(receipt.locator('.receipt-total td').last.inner_text()) == (
        total)
    assert cents(receipt.locator('.receipt-change td').last.inner_text()) == (
        Decimal('50.00'))
    for text in ["小寨店", TILL, member, "微信支付", "现金"]:
        assert text in receipt.inner_text()
    page.emulate_media(media='print')
    assert round(receipt.bounding_box()['width']) == round(80 / 25.4 * 96)
    page.screenshot(path=str(ARTIFACTS / 'counter_receipt_80mm.png'))
    page.emulate_media(media='screen')
    page.select_option('#paper', '58')
    page.emulate_media(media='print')
    assert round(receipt.bounding_box()['width']) == round(58 / 25.4 * 96)
    page.pdf(path=str(ARTIFACTS / 'counter_receipt_58mm.pdf'),
        width='58mm', height='200mm')
    page.emulate_media(media='screen')
    page.click('[data-action=next-sale]')
    assert page.locator('#cart-lines tr').count() == 0

    (sale, state, buyer, amount), = query(demo, """
        SELECT s.id, s.state, p.name, SUM(l.quantity * l.unit_gross_price)
        FROM sale_point_sale s
        JOIN sale_point_sale_line l ON l.sale = s.id
        JOIN party_party p ON p.id = s.member
        WHERE s.number = '%s'
        GROUP BY s.id, s.state, p.name""" % number)
    assert state == 'done'
    assert buyer == member
    assert money(amount) == total
    lines = query(demo, """
        SELECT i.code, l.quantity FROM sale_point_sale_line l
        JOIN product_identifier i ON i.product = l.product
        WHERE l.sale = %d AND i.type = 'ean'""" % sale)
    assert sorted(lines) == [(code, 1) for code in barcodes]
    payments = query(demo, """
        SELECT m.name, p.amount FROM sale_point_payment p
        JOIN sale_point_payment_method m ON m.id = p.method
        WHERE p.sale = %d ORDER BY m.name""" % sale)
    assert {name: money(amount) for name, amount in payments} == {
        "微信支付": Decimal('100.00'), "现金": total - 100}
    moves = query(demo, """
        SELECT m.state, m.lot, i.code FROM stock_move m
        JOIN sale_point_sale_line l
            ON m.origin = 'sale.point.sale.line,' || l.id
        JOIN product_identifier i ON i.product = m.product
        WHERE l.sale = %d AND i.type = 'ean'""" % sale)
    assert {code for _, _, code in moves} == set(barcodes)
    assert all(state == 'done' and lot for state, lot, _ in moves)


def test_lost_answer_is_sent_again_and_recorded_once(demo, page):
    ARTIFACTS.mkdir(exist_ok=True)
    barcode, = sellable_barcodes(demo, 1)
    answers = {'lost': 0, 'blocked': True}

    def lose_answers(route):
        if 'checkout' not in (route.request.post_data or ''):
            route.continue_()
        elif not answers['lost']:
            # The server records the sale, its answer never arrives
            route.fetch()
            answers['lost'] += 1
            route.abort('connectionreset')
        elif answers['blocked']:
            route.abort('internetdisconnected')
        else:
            route.continue_()

    sign_in_at_till(page, demo)
    page.route('**/rpc/', lose_answers)
    scan(page, barcode)
    total = cents(page.inner_text('#total'))
    page.click('#pay-button')
    page.locator('#pay-methods tr').filter(has_text="现金").locator(
        'input').fill(str(total))
    page.click('#pay-submit')
    page.locator('#pay-offline').filter(has_text="离线，正在重试").wait_for()
    page.screenshot(path=str(ARTIFACTS / 'counter_offline.png'))
    cart = page.evaluate(
        "localStorage.getItem('retail_counter_%s_cart')" % DATABASE)
    key = json.loads(cart)['key']
    assert answers['lost'] == 1

    # Reloaded while offline, the screen still holds the paid sale to send,
    # and it can no longer be changed
    page.reload()
    page.locator('#network').filter(has_text="1 笔待上传").wait_for()
    page.locator('#pay-offline').filter(has_text="离线，正在重试").wait_for()
    assert page.locator('#pay-back').is_hidden()
    answers['blocked'] = False
    receipt = page.locator('#receipt')
    receipt.wait_for()
    page.locator('#network').wait_for(state='hidden')
    number = receipt.locator('.receipt-number').inner_text().split('：')[1]

    sales = query(demo, """
        SELECT number, state FROM sale_point_sale
        WHERE client_key = '%s'""" % key)
    assert sales == [(number, 'done')]
