# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""A cashier of 小寨店 opens the counter screen from the Retail menu, scans
three items, attaches a member, is paid by WeChat and in cash and prints the
receipt; the books and the stock hold the sale.  A sale whose answer was lost
is sent again, even after a reload, and recorded once.  A discount above the
cashier's limit waits for the manager's password; goods come back by receipt
number; the till closes on the cash counted, its variance booked."""
import datetime as dt
import json
from decimal import Decimal

import pytest

from demo_server import (
    ARTIFACTS, DATABASE, DONE_MOVES, Client, RPCError, query)

TILL = "小寨店 1号收银台"
CASHIER, MANAGER, PASSWORD = 'xa01.cashier', 'xa01.manager', 'meiyan-2026'


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


def store_lots(demo, barcodes):
    "The quantity of each lot of the products in 小寨店's storage"
    return {lot: quantity for lot, quantity in query(demo, """
        SELECT m.lot, SUM(m.quantity) FROM %s
        JOIN stock_location w ON w.storage_location = m.location
        JOIN retail_store s ON s.warehouse = w.id
        JOIN product_identifier i ON i.product = m.product
        WHERE s.name = '小寨店' AND i.type = 'ean' AND i.code IN (%s)
        GROUP BY m.lot""" % (
            DONE_MOVES, ', '.join("'%s'" % c for c in barcodes)))}


def run_posting_job(demo):
    "Run the job posting the completed sales, as the scheduler does"
    client = Client(demo['url'], 'admin', 'admin')
    cron, = client.model('ir.cron', 'search',
        [('method', '=', 'sale.point.sale|post_delivered')], 0, None, None)
    client.model('ir.cron', 'run_once', [cron])


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


def sign_in(page, demo, login, password):
    page.goto(counter_url(demo))
    page.fill('#login', login)
    page.fill('#password', password)
    page.click('#signin-form button[type=submit]')


def sign_in_at_till(page, demo, login='admin', password='admin'):
    sign_in(page, demo, login, password)
    page.get_by_role('button', name=TILL).click()
    page.locator('#point-name').filter(has_text=TILL).wait_for()


def scan(page, code):
    "Type the code into the focused field and press Enter, as a scanner does"
    lines = page.locator('#cart-lines tr').count()
    page.keyboard.type(code)
    page.keyboard.press('Enter')
    page.locator('#cart-lines tr').nth(lines).wait_for()


def wait_for_receipt(page):
    "The receipt shown and its number"
    receipt = page.locator('#receipt')
    receipt.wait_for()
    return receipt, receipt.locator(
        '.receipt-number').inner_text().split('：')[1]


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
    lots_before = store_lots(demo, barcodes)
    # Sales an earlier test left done are posted apart
    run_posting_job(demo)
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

    receipt, number = wait_for_receipt(page)
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
    # Each lot the sale took from holds one unit less in the store
    lots_after = store_lots(demo, barcodes)
    assert {lot: lots_before[lot] - lots_after.get(lot, 0)
        for lot in lots_before if lots_before[lot] != lots_after.get(lot)
        } == {lot: 1 for _, lot, _ in moves}

    # The posting job books it in a voucher of its own (the job ran before
    # the sale): each method's takings on the store's account, revenue and
    # VAT for what was sold
    run_posting_job(demo)
    (state, voucher, voucher_state), = query(demo, """
        SELECT s.state, s.move, m.state FROM sale_point_sale s
        JOIN account_move m ON m.id = s.move WHERE s.id = %d""" % sale)
    assert (state, voucher_state) == ('posted', 'posted')
    (sales_in_voucher,), = query(demo,
        "SELECT COUNT(*) FROM sale_point_sale WHERE move = %d" % voucher)
    assert sales_in_voucher == 1
    postings = {code: money(balance) for code, balance in query(demo, """
        SELECT a.code, SUM(l.debit - l.credit) FROM account_move_line l
        JOIN account_account a ON a.id = l.account
        WHERE l.move = %d GROUP BY a.code""" % voucher)}
    (wechat_account,), = query(demo, """
        SELECT a.code FROM retail_store_payment_account r
        JOIN retail_store st ON st.id = r.store
        JOIN sale_point_payment_method pm ON pm.id = r.method
        JOIN account_account a ON a.id = r.account
        WHERE st.name = '小寨店' AND pm.name = '微信支付'""")
    (cash_account,), = query(demo, """
        SELECT a.code FROM retail_store st
        JOIN account_account a ON a.id = st.cash_account
        WHERE st.name = '小寨店'""")
    assert postings[wechat_account] == Decimal('100.00')
    assert postings[cash_account] == total - 100
    assert sum(b for b in postings.values() if b < 0) == -total
    # Its VAT return lines: the bases and the VAT make up what was sold
    taxes = {type_: money(amount) for type_, amount in query(demo, """
        SELECT t.type, SUM(t.amount) FROM account_tax_line t
        JOIN account_move_line l ON l.id = t.move_line
        WHERE l.move = %d GROUP BY t.type""" % voucher)}
    assert taxes['base'] + taxes['tax'] == total
    assert taxes['tax'] > 0


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


def pay_cash(page, amount):
    "Open the payment, take the amount in cash and confirm"
    page.click('#pay-button')
    page.locator('#pay-methods tr').filter(has_text="现金").locator(
        'input').fill(str(amount))
    page.click('#pay-submit')


def cart_key(page):
    cart = page.evaluate(
        "localStorage.getItem('retail_counter_%s_cart')" % DATABASE)
    return json.loads(cart)['key']


def approve(page, password, screenshot=None):
    "The manager types her login and password into the approval"
    page.fill('#approval-login', MANAGER)
    page.fill('#approval-password', password)
    if screenshot:
        page.screenshot(path=str(ARTIFACTS / screenshot))
    page.click('#approval-form button[type=submit]')


def test_manager_approves_a_discount_above_the_cashier_limit(demo, page):
    ARTIFACTS.mkdir(exist_ok=True)
    barcode, = sellable_barcodes(demo, 1)
    sign_in_at_till(page, demo, CASHIER, PASSWORD)
    scan(page, barcode)
    full = cents(page.inner_text('#total'))
    # The cashier may give 10%: 20% asks the manager at once
    discount = page.locator('#cart-lines tr').last.locator('input.discount')
    discount.fill('20')
    discount.press('Enter')
    approval = page.locator('#approval-dialog')
    approval.wait_for()
    assert "20%" in approval.inner_text() and "10%" in approval.inner_text()
    approve(page, 'not-her-password', 'counter_approval.png')
    assert MANAGER in page.inner_text('#approved')
    total = cents(page.inner_text('#total'))
    assert total == (full * Decimal('0.8')).quantize(Decimal('0.01'))
    assert "not-her-password" not in page.evaluate(
        "JSON.stringify(localStorage)")

    # The wrong password refuses the sale and records nothing
    pay_cash(page, total)
    page.locator('#pay-error').filter(has_text="用户名或密码错误").wait_for()
    key = cart_key(page)
    assert query(demo, """
        SELECT id FROM sale_point_sale WHERE client_key = '%s'""" % key) == []

    # Confirmed again, the payment asks the manager again
    page.click('#pay-submit')
    approval.wait_for()
    approve(page, PASSWORD)
    receipt, number = wait_for_receipt(page)
    assert cents(receipt.locator('.receipt-total td').last.inner_text()) == (
        total)
    (state, approver, amount), = query(demo, """
        SELECT s.state, u.login, SUM(l.quantity * l.unit_gross_price)
        FROM sale_point_sale s
        JOIN res_user u ON u.id = s.discount_approved_by
        JOIN sale_point_sale_line l ON l.sale = s.id
        WHERE s.number = '%s'
        GROUP BY s.state, u.login""" % number)
    assert (state, approver, money(amount)) == ('done', MANAGER, total)


def lot_stock(demo, lot):
    "The quantity of the lot in 小寨店's storage"
    (quantity,), = query(demo, """
        SELECT SUM(m.quantity) FROM %s
        JOIN stock_location w ON w.storage_location = m.location
        JOIN retail_store s ON s.warehouse = w.id
        WHERE s.name = '小寨店' AND m.lot = %d""" % (DONE_MOVES, lot))
    return quantity


def test_cashier_takes_back_goods_by_receipt_number(demo, page):
    ARTIFACTS.mkdir(exist_ok=True)
    barcode, = sellable_barcodes(demo, 1)
    (point,), = query(demo, "SELECT id FROM sale_point WHERE name = '%s'"
        % TILL)
    methods = dict(query(demo,
            "SELECT name, id FROM sale_point_payment_method"))
    (product,), = query(demo, """
        SELECT product FROM product_identifier WHERE code = '%s'""" % barcode)
    # Two items sold this morning, ¥10 by WeChat, the rest in cash
    cashier = Client(demo['url'], CASHIER, PASSWORD)
    sold = cashier.model('sale.point.sale', 'checkout', point, {
            'key': 'test-return-0001',
            'lines': [{'product': product, 'quantity': 2}],
            'payments': [
                {'method': methods["微信支付"], 'amount': 10},
                {'method': methods["现金"], 'amount': 10000}]})
    price = money(sold['total']['decimal']) / 2
    (lot,), = query(demo, """
        SELECT m.lot FROM stock_move m
        JOIN sale_point_sale_line l
            ON m.origin = 'sale.point.sale.line,' || l.id
        WHERE l.sale = %d ORDER BY m.id LIMIT 1""" % sold['id'])
    before = lot_stock(demo, lot)

    sign_in_at_till(page, demo, CASHIER, PASSWORD)
    page.click('[data-action=open-return]')
    page.fill('#return-number', sold['number'])
    page.press('#return-number', 'Enter')
    line = page.locator('#return-lines tr')
    line.wait_for()
    assert line.locator('.returnable').inner_text() == '2'
    line.locator('input').fill('1')
    assert cents(page.inner_text('#return-total')) == price
    page.screenshot(path=str(ARTIFACTS / 'counter_return.png'))
    page.click('#return-submit')

    receipt, number = wait_for_receipt(page)
    for text in ["退货小票", sold['number'], "微信支付", "现金"]:
        assert text in receipt.inner_text()
    assert cents(receipt.locator('.receipt-total td').last.inner_text()) == (
        -price)
    page.click('[data-action=next-sale]')

    (refund, state, quantity, returned), = query(demo, """
        SELECT s.id, s.state, l.quantity, o.sale FROM sale_point_sale s
        JOIN sale_point_sale_line l ON l.sale = s.id
        JOIN sale_point_sale_line o ON o.id = l.returned_line
        WHERE s.number = '%s'""" % number)
    assert (state, quantity, returned) == ('done', -1, sold['id'])
    payments = query(demo, """
        SELECT m.name, p.amount FROM sale_point_payment p
        JOIN sale_point_payment_method m ON m.id = p.method
        WHERE p.sale = %d""" % refund)
    assert {name: money(amount) for name, amount in payments} == {
        "微信支付": Decimal('-10.00'), "现金": 10 - price}
    # The item is back in the lot it left
    assert lot_stock(demo, lot) == before + 1

    # Returned once, it cannot be returned again
    page.click('[data-action=open-return]')
    page.fill('#return-number', sold['number'])
    page.press('#return-number', 'Enter')
    page.locator('#return-lines .returnable').filter(has_text='1').wait_for()


def test_cashier_closes_the_till_on_the_cash_counted(demo, page):
    ARTIFACTS.mkdir(exist_ok=True)
    sign_in_at_till(page, demo, CASHIER, PASSWORD)
    page.click('[data-action=open-session]')
    page.locator(
        '#session-open-box:visible, #session-closed:visible').first.wait_for()
    if page.locator('#session-closed').is_visible():
        page.click('#session-open')
    page.locator('#session-open-box').wait_for()
    expected = cents(page.inner_text('#session-expected'))
    counted = expected - 5
    page.fill('#session-counted', str(counted))
    # The cashier sees the shortfall before confirming
    assert cents(page.inner_text('#session-variance')) == Decimal('-5.00')
    page.screenshot(path=str(ARTIFACTS / 'counter_session.png'))
    page.once('dialog', lambda dialog: dialog.accept())
    page.click('#session-close')
    result = page.locator('#session-result')
    result.wait_for()
    assert "¥-5.00" in result.inner_text()

    (session, state, end_amount), = query(demo, """
        SELECT c.id, c.state, c.end_amount
        FROM sale_point_cash_session c
        JOIN sale_point p ON p.id = c.point
        WHERE p.name = '%s' AND c.state != 'open'
        ORDER BY c.id DESC LIMIT 1""" % TILL)
    assert (state, money(end_amount)) == ('closed', counted)
    transfers = query(demo, """
        SELECT t.name, c.amount, c.state FROM sale_point_cash_transfer c
        JOIN sale_point_cash_transfer_type t ON t.id = c.type
        WHERE c.session = %d""" % session)
    assert [(name, money(amount), state)
        for name, amount, state in transfers] == [
        ("现金差异", Decimal('-5.00'), 'draft')]

    # The next session opens on the cash left in the drawer
    page.click('#session-open')
    page.locator('#session-open-box').wait_for()
    assert cents(page.inner_text('#session-start')) == counted


def test_cashier_cannot_use_another_store_till(demo, page):
    sign_in(page, demo, CASHIER, PASSWORD)
    page.locator('#point-list button').first.wait_for()
    assert page.locator('#point-list button').all_inner_texts() == [TILL]
    (other,), = query(demo, """
        SELECT p.id FROM sale_point p
        JOIN retail_store s ON s.id = p.store
        WHERE s.name != '小寨店' LIMIT 1""")
    cashier = Client(demo['url'], CASHIER, PASSWORD)
    with pytest.raises(RPCError, match="您不能在收银台"):
        cashier.model(
            'sale.point.cash.session', 'counter_session', other)
