# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The vocabulary of each export: which header (or JSON field) holds which
value, and which words mean which status. A new export version is a new
alias here, never new code.

Keys name the normalised value (an Order or OrderLine attribute) or a
figure the export states that is checked against the lines:
coupon (an order-level platform discount, spread over the lines),
stated_paid, stated_receivable, stated_discount, stated_goods, line_total.
The first name of a column is the one error messages use."""
from collections import namedtuple

Column = namedtuple('Column', ['key', 'names', 'required'])


def required(key, *names):
    return Column(key, names, True)


def optional(key, *names):
    return Column(key, names, False)


TAOBAO_ORDERS = (
    required('number', '订单编号', '主订单编号'),
    required('buyer', '买家会员名'),
    required('freight', '买家应付邮费'),
    required('stated_paid', '买家实际支付金额', '买家实付金额'),
    required('status', '订单状态'),
    required('order_time', '订单创建时间'),
    optional('pay_time', '订单付款时间'),
    optional('ship_time', '发货时间'),
    optional('shop', '店铺名称'),
    optional('coupon', '天猫卡券抵扣'),
    )
TAOBAO_ITEMS = (
    required('number', '订单编号', '主订单编号'),
    optional('sub_number', '子订单编号'),
    required('title', '标题', '宝贝标题'),
    required('unit_price', '价格'),
    required('quantity', '购买数量'),
    required('sku', '商家编码', '外部系统编号'),
    optional('merchant_discount', '商家优惠', '优惠'),
    optional('refund_amount', '退款金额'),
    optional('refund_kind', '退款类型'),
    )
JD_ORDERS = (
    required('number', '订单号'),
    required('sub_number', '商品编号', '商品ID'),
    required('sku', '商家SKU', '商家编码', '商家SKUID'),
    optional('title', '商品名称'),
    required('quantity', '订购数量'),
    required('unit_price', '京东价'),
    required('stated_paid', '应付金额'),
    optional('freight', '运费金额'),
    optional('merchant_discount', '优惠金额'),
    optional('platform_discount', '京券', '平台优惠'),
    required('order_time', '下单时间'),
    optional('pay_time', '付款确认时间'),
    optional('ship_time', '出库时间'),
    required('status', '订单状态'),
    optional('refund_amount', '退款金额'),
    optional('refund_kind', '退款类型'),
    optional('shop', '店铺名称'),
    optional('buyer', '下单帐号', '客户账号'),
    )
GENERIC_ORDERS = (
    optional('shop', '店铺名称'),
    required('number', '原始单号'),
    optional('sub_number', '原始子单号'),
    optional('stated_receivable', '应收合计'),
    optional('freight', '邮费'),
    optional('stated_discount', '优惠金额'),
    optional('coupon', '平台优惠'),
    required('stated_paid', '已收金额'),
    required('order_time', '下单时间'),
    optional('pay_time', '付款时间'),
    optional('ship_time', '发货时间'),
    optional('buyer', '客户网名', '买家昵称'),
    required('sku', '商家编码'),
    optional('barcode', '条码'),
    optional('title', '货品名称'),
    required('quantity', '货品数量'),
    required('unit_price', '货品价格'),
    optional('line_total', '货品总价'),
    optional('merchant_discount', '货品优惠'),
    required('status', '状态'),
    optional('refund_amount', '退款金额'),
    optional('refund_kind', '退款类型'),
    )
SETTLEMENTS = (
    required('order_number', '订单号', '订单编号', 'order_no'),
    required('amount', '结算金额', '实际结算金额', '到账金额', 'amount'),
    optional('commission', '佣金', '技术服务费', 'commission'),
    optional('fees', '其他费用', '手续费', 'fees'),
    optional('settle_time', '结算时间', 'settle_time'),
    )

# JSON forms: names are field paths inside an order or a line
DOUYIN_ORDER = (
    required('number', 'order_id'),
    required('order_time', 'create_time'),
    optional('pay_time', 'pay_time'),
    optional('ship_time', 'ship_time'),
    required('status', 'order_status'),
    optional('freight', 'post_amount'),
    optional('stated_paid', 'pay_amount'),
    optional('shop', 'shop_name'),
    optional('buyer', 'open_id', 'user_id'),
    )
DOUYIN_LINE = (
    required('sub_number', 'order_id'),
    optional('parent', 'parent_order_id'),
    required('sku', 'code', 'out_sku_id'),
    optional('title', 'product_name'),
    required('quantity', 'item_num'),
    required('line_total', 'origin_amount'),
    required('paid', 'pay_amount'),
    optional('merchant_discount', 'shop_discount_amount'),
    optional('platform_discount', 'platform_discount_amount'),
    optional('refund_amount', 'refund_amount'),
    optional('refund_kind', 'after_sale_type'),
    )
WECHAT_ORDER = (
    required('number', 'order_id'),
    required('order_time', 'create_time'),
    required('status', 'status'),
    optional('pay_time', 'order_detail.pay_info.pay_time'),
    optional('freight', 'order_detail.price_info.freight'),
    optional('stated_paid', 'order_detail.price_info.order_price'),
    optional('stated_goods', 'order_detail.price_info.product_price'),
    optional('stated_discount', 'order_detail.price_info.discounted_price'),
    optional('buyer', 'openid'),
    optional('shop', 'shop_name'),
    )
WECHAT_LINE = (
    required('sub_number', 'sku_id'),
    required('sku', 'sku_code', 'out_sku_id'),
    optional('title', 'title'),
    required('quantity', 'sku_cnt'),
    required('unit_price', 'sale_price'),
    required('paid', 'real_price'),
    optional('merchant_discount', 'merchant_discounted_price'),
    optional('platform_discount', 'platform_discounted_price'),
    )
NORMALISED_ORDER = (
    required('number', 'order_no'),
    optional('platform', 'platform'),
    optional('shop', 'shop'),
    required('order_time', 'order_time'),
    optional('pay_time', 'pay_time'),
    optional('ship_time', 'ship_time'),
    optional('buyer', 'buyer_id'),
    required('status', 'status'),
    optional('freight', 'freight'),
    )
NORMALISED_LINE = (
    optional('sub_number', 'sub_order_no'),
    required('sku', 'sku_code'),
    optional('barcode', 'barcode'),
    optional('title', 'title'),
    required('quantity', 'qty'),
    required('unit_price', 'unit_price'),
    required('paid', 'line_paid'),
    optional('merchant_discount', 'merchant_discount'),
    optional('platform_discount', 'platform_discount'),
    optional('refund_amount', 'refund_amount'),
    optional('refund_kind', 'refund_kind'),
    )

# Where a JSON document keeps its orders, and each order its lines
JsonShape = namedtuple(
    'JsonShape', ['orders', 'order_columns', 'lines', 'line_columns'])
DOUYIN = JsonShape(
    'data.shop_order_list', DOUYIN_ORDER, 'sku_order_list', DOUYIN_LINE)
WECHAT = JsonShape(
    'orders', WECHAT_ORDER, 'order_detail.product_infos', WECHAT_LINE)
NORMALISED = JsonShape('orders', NORMALISED_ORDER, 'lines', NORMALISED_LINE)

STATUSES = {
    'taobao': {
        '等待买家付款': 'pending',
        '买家已付款': 'paid',
        '等待卖家发货': 'paid',
        '卖家已发货': 'shipped',
        '卖家部分发货': 'shipped',
        '等待买家确认收货': 'shipped',
        '交易成功': 'completed',
        '交易关闭': 'cancelled',
        },
    'jd': {
        '等待付款': 'pending',
        '等待出库': 'paid',
        '等待确认收货': 'shipped',
        '完成': 'completed',
        '已取消': 'cancelled',
        },
    'douyin': {
        '1': 'pending', '2': 'paid', '3': 'shipped', '5': 'completed',
        '4': 'cancelled',
        },
    'wechat': {
        '10': 'pending', '20': 'paid', '21': 'paid', '30': 'shipped',
        '100': 'completed', '200': 'cancelled', '250': 'cancelled',
        },
    'generic': {
        '待付款': 'pending',
        '已付款': 'paid',
        '待发货': 'paid',
        '已发货': 'shipped',
        '已完成': 'completed',
        '交易成功': 'completed',
        '已取消': 'cancelled',
        '已关闭': 'cancelled',
        '交易关闭': 'cancelled',
        },
    'normalised': {s: s for s in (
                'pending', 'paid', 'shipped', 'completed', 'cancelled')},
    }
REFUND_KINDS = {
    '仅退款': 'refund_only',
    '退货退款': 'return',
    'refund_only': 'refund_only',
    'return': 'return',
    }
# 抖店 after_sale_type: 0 return, 1 refund after shipping, 2 before
DOUYIN_REFUND_KINDS = {'0': 'return', '1': 'refund_only', '2': 'refund_only'}


def find(header, columns):
    "Map each key to its index in header; return it and the required missing"
    positions = {name: i for i, name in reversed(list(enumerate(header)))}
    index, missing = {}, []
    for column in columns:
        for name in column.names:
            if name in positions:
                index[column.key] = positions[name]
                break
        else:
            if column.required:
                missing.append(column)
    return index, missing


def required_keys(columns):
    return frozenset(c.key for c in columns if c.required)


def identify(header, schemas):
    """The name of the schema header belongs to, or None when it holds
    fewer than half of any schema's required columns"""
    best, best_score = None, 0.5
    for name, columns in schemas.items():
        needed = [c for c in columns if c.required]
        _, missing = find(header, needed)
        score = 1 - len(missing) / len(needed)
        if score >= best_score and (best is None or score > best_score):
            best, best_score = name, score
    return best
