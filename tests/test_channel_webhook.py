# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The Tmall shop's middleware posts its orders to the demo chain's webhook
with the key an administrator gave it: a new order is created, sold and
invoiced once however often it is sent; a bad order or an unknown SKU
refuses the whole request, naming each error; a wrong key, an unknown
channel or a wrong method is turned away.  The same orders come in by
the command line that cron runs, on files."""
import datetime as dt
import json
import subprocess
import sys
import threading
import urllib.error
import urllib.request

import pytest

from demo_server import DATABASE, DONE_MOVES, ROOT, Client, query

SAMPLES = ROOT / 'retail_cloud' / 'tests' / 'data' / 'channel'


def application_key(demo, application):
    "A validated key of admin, as made under User > Applications"
    client = Client(demo['url'], 'admin', 'admin')
    user, = client.model('res.user', 'search', [('login', '=', 'admin')],
        0, None, None)
    record, = client.model('res.user.application', 'create', [{
                'user': user, 'application': application}])
    record, = client.model('res.user.application', 'read', [record],
        ['key', 'state'])
    assert record['state'] == 'validated'
    return record['key']


@pytest.fixture(scope='module')
def key(demo):
    return application_key(demo, 'retail_channel')


@pytest.fixture(scope='module')
def skus(demo):
    "Codes of two products with stock at the head office's warehouse"
    rows = query(demo, """
        SELECT p.code FROM %s
        JOIN stock_location s ON s.id = m.location
        JOIN stock_location w ON w.storage_location = s.id
            OR w.storage_location = s.parent
        JOIN product_product p ON p.id = m.product
        WHERE w.code = 'WH' AND p.code IS NOT NULL
        GROUP BY p.code
        HAVING SUM(m.quantity) >= 10
        ORDER BY p.code
        LIMIT 2""" % DONE_MOVES)
    assert len(rows) == 2
    return [code for code, in rows]


def order(number, skus, paid='100.00'):
    "A paid order in the normalised form, of one of each SKU at 100"
    now = dt.datetime.now(dt.timezone(dt.timedelta(hours=8)))
    return {
        'order_no': number, 'shop': "美颜汇天猫旗舰店", 'buyer_id': 'tb_test',
        'status': 'paid', 'order_time': now.isoformat(),
        'pay_time': now.isoformat(), 'freight': '6.00',
        'lines': [{
                'sub_order_no': str(i), 'sku_code': sku, 'qty': 1,
                'unit_price': '100.00', 'line_paid': paid,
                } for i, sku in enumerate(skus, 1)],
        }


def post(demo, body, key, channel='TMALL', method='POST', data=None):
    "The status and JSON body of the webhook's answer"
    url = '%s%s/retail/channel/%s/orders' % (demo['url'], DATABASE, channel)
    headers = {'Content-Type': 'application/json'}
    if key:
        headers['Authorization'] = 'Bearer ' + key
    if data is None and body is not None:
        data = json.dumps(body).encode()
    request = urllib.request.Request(url, data, headers, method=method)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        content = error.read()
        if error.headers.get_content_type() == 'application/json':
            return error.code, json.loads(content)
        return error.code, None


def count(demo, table, column, value):
    (n,), = query(demo, "SELECT COUNT(*) FROM %s WHERE %s = '%s'" % (
            table, column, value))
    return n


def test_order_created_once(demo, key, skus):
    "A new order is 201, the same again is 200: one order, sale, invoice"
    body = {'orders': [order('4100000000000000001', skus)]}

    status, reply = post(demo, body, key)
    assert status == 201
    (created,) = reply['orders']
    assert created['number'] == '4100000000000000001'
    assert created['state'] == 'allocated'

    status, reply = post(demo, body, key)
    assert status == 200
    assert reply['orders'] == [created]

    assert count(demo, 'retail_channel_order', 'number',
        '4100000000000000001') == 1
    sale, = query(demo, """
        SELECT CAST(total_amount_cache AS VARCHAR), state FROM sale_sale
        WHERE reference = '4100000000000000001'""")
    assert sale == ('206.00', 'processing')
    invoice, = query(demo, """
        SELECT p.name, CAST(i.total_amount_cache AS VARCHAR), i.state
        FROM account_invoice i JOIN party_party p ON p.id = i.party
        WHERE i.reference = '4100000000000000001'""")
    assert invoice == ("浙江天猫网络有限公司", '206.00', 'posted')


def test_invoice_rendered_when_printed(demo, key, skus):
    """The order's invoice is posted without its printed copy, which is
    rendered and kept when someone first prints it"""
    number = '4100000000000000009'
    status, _ = post(demo, {'orders': [order(number, skus)]}, key)
    assert status == 201
    copy_kept = """
        SELECT id, CASE WHEN invoice_report_cache IS NOT NULL
            OR invoice_report_cache_id IS NOT NULL THEN 1 ELSE 0 END
        FROM account_invoice WHERE reference = '%s'""" % number
    (invoice, kept), = query(demo, copy_kept)
    assert kept == 0

    client = Client(demo['url'], 'admin', 'admin')
    extension, *_ = client.call(
        'report.account.invoice.execute', [invoice], {}, client.context)
    assert extension == 'odt'
    assert query(demo, copy_kept) == [(invoice, 1)]


def test_same_order_at_once(demo, key, skus):
    """The middleware sends an order twice at the very same instant: the
    loser of the race answers as a retry does, with the same order"""
    body = {'orders': [order('4100000000000000003', skus)]}
    start = threading.Barrier(2)
    replies = [None, None]

    def send(i):
        start.wait()
        replies[i] = post(demo, body, key)
    threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(status for status, _ in replies) == [200, 201], replies
    (first, reply), (second, other) = replies
    assert reply == other
    assert [o['number'] for o in reply['orders']] == ['4100000000000000003']
    for table in ['retail_channel_order', 'sale_sale', 'account_invoice']:
        column = 'number' if table == 'retail_channel_order' else 'reference'
        assert count(demo, table, column, '4100000000000000003') == 1


def test_new_buyer_at_once(demo, key, skus):
    """Two orders of a buyer new to a channel that invoices its buyers come
    at the same instant: both are taken, to one party of the buyer"""
    client = Client(demo['url'], 'admin', 'admin')
    channel, = client.model('retail.channel', 'search',
        [('code', '=', 'DOUYIN')], 0, None, None)
    client.model('retail.channel', 'write', [channel], {'invoice_to': 'buyer'})
    numbers = ['4200000000000000001', '4200000000000000002']
    bodies = [{'orders': [dict(order(n, skus), buyer_id='dy_new_buyer')]}
        for n in numbers]
    start = threading.Barrier(2)
    replies = [None, None]

    def send(i):
        start.wait()
        replies[i] = post(demo, bodies[i], key, channel='DOUYIN')
    threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        client.model('retail.channel', 'write', [channel],
            {'invoice_to': 'platform'})

    assert [status for status, _ in replies] == [201, 201], replies
    parties = query(demo, """
        SELECT DISTINCT p.name FROM account_invoice i
        JOIN party_party p ON p.id = i.party
        WHERE i.reference IN ('%s')""" % "', '".join(numbers))
    assert parties == [('dy_new_buyer',)]
    assert count(demo, 'retail_channel_buyer', 'buyer', 'dy_new_buyer') == 1


def test_one_order_body(demo, key, skus):
    "One order may be posted alone, without the orders list"
    status, reply = post(demo, order('4100000000000000002', skus[:1]), key)
    assert status == 201
    assert [o['number'] for o in reply['orders']] == ['4100000000000000002']


def test_bad_amount_refused(demo, key, skus):
    "Every bad field of every order is named; no order is created"
    good = order('4100000000000000011', skus)
    bad = order('4100000000000000012', skus, paid='100,0x')
    bad['status'] = 'shipping'
    status, reply = post(demo, {'orders': [good, bad]}, key)
    assert status == 400
    assert reply == {'errors': [
            {'row': 2, 'field': 'status', 'reason': 'bad_status',
                'message': 'unknown status "shipping"'},
            {'row': 2, 'field': 'lines[0].line_paid', 'reason': 'bad_amount',
                'message': 'not an amount: "100,0x"'},
            {'row': 2, 'field': 'lines[1].line_paid', 'reason': 'bad_amount',
                'message': 'not an amount: "100,0x"'},
            ]}
    for number in ['4100000000000000011', '4100000000000000012']:
        assert count(demo, 'retail_channel_order', 'number', number) == 0
        assert count(demo, 'sale_sale', 'reference', number) == 0


def test_unknown_sku_refused(demo, key, skus):
    "An unknown SKU refuses the request whole, in the client's language"
    good = order('4100000000000000021', skus)
    bad = order('4100000000000000022', [skus[0], 'NO-SUCH-SKU'])
    url = '%s%s/retail/channel/TMALL/orders' % (demo['url'], DATABASE)
    request = urllib.request.Request(
        url, json.dumps({'orders': [good, bad]}).encode(), {
            'Authorization': 'Bearer ' + key,
            'Accept-Language': 'zh-CN,zh;q=0.9'})
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request)
    assert raised.value.code == 400
    assert json.loads(raised.value.read()) == {'errors': [
            {'row': 2, 'field': 'lines[1].sku_code', 'reason': 'unknown_sku',
                'message': '未知的商家编码“NO-SUCH-SKU”'}]}
    for number in ['4100000000000000021', '4100000000000000022']:
        assert count(demo, 'retail_channel_order', 'number', number) == 0
        assert count(demo, 'sale_sale', 'reference', number) == 0


def test_bad_json_refused(demo, key):
    status, reply = post(demo, None, key, data=b'{"orders": [')
    assert status == 400
    (error,) = reply['errors']
    assert (error['row'], error['field']) == (None, None)
    assert error['message'].startswith('Expecting value')


@pytest.mark.parametrize('wrong', [None, 'not-a-key'])
def test_wrong_key(demo, key, skus, wrong):
    status, _ = post(demo, order('4100000000000000031', skus), wrong)
    assert status == 401
    assert count(demo, 'retail_channel_order', 'number',
        '4100000000000000031') == 0


def test_rest_key_refused(demo, skus):
    "A key for another application does not open the webhook"
    key = application_key(demo, 'rest')
    status, _ = post(demo, order('4100000000000000032', skus), key)
    assert status == 401


def test_unknown_channel(demo, key, skus):
    status, _ = post(
        demo, order('4100000000000000041', skus), key, channel='NOPE')
    assert status == 404
    # A store's counter is not a channel that takes orders
    status, _ = post(
        demo, order('4100000000000000041', skus), key, channel='XA01-POS')
    assert status == 404


def test_other_method(demo, key):
    status, _ = post(demo, None, key, method='GET')
    assert status == 405


def run_cli(demo, *args):
    "Run retail-channel-import on the demo database"
    return subprocess.run([
            sys.executable, '-m', 'retail_cloud.channel_cli',
            '-c', str(demo['var'] / 'trytond.conf'), '-d', DATABASE,
            '--channel', 'TMALL', *map(str, args)],
        cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_cli_imports_file(demo, skus, tmp_path):
    "The command line imports a file once; run again, it updates nothing new"
    path = tmp_path / 'orders.json'
    path.write_text(json.dumps({'orders': [
                    order('4100000000000000051', skus),
                    order('4100000000000000052', skus[:1])]}))

    result = run_cli(demo, '--platform', 'normalised', path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "已导入 2 个订单：新建 2 个，更新 0 个。"
    assert sorted(lines[1:]) == [
        '4100000000000000051\tallocated\tpaid\t206.00',
        '4100000000000000052\tallocated\tpaid\t106.00',
        ]

    result = run_cli(demo, '--platform', 'normalised', path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "已导入 2 个订单：新建 0 个，更新 2 个。")
    assert count(demo, 'sale_sale', 'reference', '4100000000000000051') == 1


def test_cli_refuses_bad_file(demo):
    "A bad file is refused whole, every bad row printed; exit status 1"
    result = run_cli(demo, '--platform', 'generic',
        SAMPLES / 'bad_three_rows.csv')
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "导入被拒绝：3 行有误，未导入任何数据。",
        "bad_three_rows.csv 第 3 行 货品价格 列：不是有效的金额：“69.9.0”",
        "bad_three_rows.csv 第 5 行 货品数量 列：不是有效的整数数量：“two”",
        "bad_three_rows.csv 第 9 行 状态 列：未知的状态“发货中”",
        ]


def test_cli_preview(demo):
    "The preview reads the Tmall files and imports nothing"
    before = query(demo, "SELECT COUNT(*) FROM retail_channel_order")
    result = run_cli(demo, '--platform', 'taobao', '--preview',
        SAMPLES / 'taobao_orders.csv', SAMPLES / 'taobao_items.csv')
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["4 个订单，8 行明细，实付 1326.70。"]
    assert query(demo, "SELECT COUNT(*) FROM retail_channel_order") == before


def test_cli_help_names_cron():
    result = subprocess.run([
            sys.executable, '-m', 'retail_cloud.channel_cli', '--help'],
        cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0
    assert 'cron' in result.stdout
    assert 'retail-channel-import -c' in result.stdout
