# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import hashlib
from decimal import Decimal

from proteus import Model, Wizard
from trytond.modules.company.tests.tools import get_company

__all__ = ['create_cn_chart', 'get_cn_accounts', 'get_cn_tax',
    'create_skin_care', 'create_channel_product', 'receive_lot',
    'create_platform_channel', 'CHANNEL_ACCOUNTS']


def create_cn_chart(company=None, standard='small', config=None):
    "Create the Chinese chart of accounts of the standard for the company"
    AccountTemplate = Model.get('account.account.template', config=config)
    Account = Model.get('account.account', config=config)
    ModelData = Model.get('ir.model.data', config=config)

    if not company:
        company = get_company(config=config)
    template = AccountTemplate(
        ModelData.get_id('account_cn', 'root_%s' % standard, {}))

    create_chart = Wizard('account.create_chart', config=config)
    create_chart.execute('account')
    create_chart.form.account_template = template
    create_chart.form.company = company
    create_chart.execute('create_account')
    create_chart.form.account_receivable, = Account.find([
            ('company', '=', company.id), ('code', '=', '1122')])
    create_chart.form.account_payable, = Account.find([
            ('company', '=', company.id), ('code', '=', '2202')])
    create_chart.execute('create_properties')
    return create_chart


def get_cn_accounts(*codes, company=None, config=None):
    "Return the accounts of the company by code"
    Account = Model.get('account.account', config=config)
    if not company:
        company = get_company(config=config)
    accounts = {a.code: a for a in Account.find([
                ('company', '=', company.id),
                ('code', 'in', codes),
                ])}
    missing = set(codes) - set(accounts)
    assert not missing, "No account %s" % ', '.join(sorted(missing))
    return accounts


def get_cn_tax(rate, kind, company=None, config=None):
    "Return the VAT tax of the rate for sale or purchase"
    Tax = Model.get('account.tax', config=config)
    if not company:
        company = get_company(config=config)
    tax, = Tax.find([
            ('company', '=', company.id),
            ('rate', '=', Decimal(rate)),
            ('group.kind', '=', kind),
            ('parent', '=', None),
            ])
    return tax


def create_store(code, name, warehouse, cash_account, payment_accounts=None,
        config=None):
    """Create an open store selling at its counter from the warehouse, its
    cash and the methods of payment_accounts ({method: account}) posted to
    its own accounts"""
    Channel = Model.get('retail.channel', config=config)
    Store = Model.get('retail.store', config=config)
    channel = Channel(code='%s-POS' % code, name=name, type='store')
    channel.save()
    store = Store(code=code, name=name, warehouse=warehouse, channel=channel)
    store.cash_account = cash_account
    for method, account in (payment_accounts or {}).items():
        store.payment_accounts.new(method=method, account=account)
    store.save()
    return store


def create_till(store, name, tax_included=True, config=None):
    "Create a point of sale of the store, selling from its warehouse"
    Journal = Model.get('account.journal', config=config)
    Location = Model.get('stock.location', config=config)
    POS = Model.get('sale.point', config=config)
    SequenceStrict = Model.get('ir.sequence.strict', config=config)
    SequenceType = Model.get('ir.sequence.type', config=config)
    till = POS(name=name, store=store, tax_included=tax_included)
    till.journal, = Journal.find([('type', '=', 'revenue')], limit=1)
    till.sequence = SequenceStrict(
        name="POS %s" % store.code, company=till.company)
    till.sequence.sequence_type, = SequenceType.find(
        [('name', '=', "POS")], limit=1)
    till.sequence.save()
    till.storage_location = store.warehouse.storage_location
    till.return_location = store.warehouse.storage_location
    till.customer_location, = Location.find([('code', '=', 'CUS')])
    till.save()
    return till


CHANNEL_ACCOUNTS = ['1405', '5001', '5401', '112201', '101204', '560101',
    '560102']


def create_skin_care(accounts, config=None):
    """Create the skin care accounting category taxed at 13% on the stock
    accounts of the continental method; accounts by code"""
    Category = Model.get('product.category', config=config)
    category = Category(name="护肤", accounting=True)
    category.account_revenue = accounts['5001']
    category.account_expense = accounts['5401']
    category.account_stock = accounts['1405']
    category.account_stock_in = accounts['5401']
    category.account_stock_out = accounts['5401']
    category.customer_taxes.append(get_cn_tax('0.13', 'sale', config=config))
    category.save()
    return category


def create_channel_product(category, name, code, price, cost=0,
        type='goods', barcode=None, config=None):
    "Create a product sold at price without VAT, with shelf life if goods"
    Template = Model.get('product.template', config=config)
    Uom = Model.get('product.uom', config=config)
    unit, = Uom.find([('name', '=', "Unit")])
    template = Template(name=name, default_uom=unit, type=type)
    template.salable = True
    template.account_category = category
    template.list_price = Decimal(price)
    if type == 'goods':
        template.shelf_life_state = 'optional'
        template.cost_price_method = 'fixed'
    product, = template.products
    product.suffix_code = code
    product.cost_price = Decimal(cost)
    if barcode:
        product.identifiers.new(type='ean', code=barcode)
    template.save()
    product, = template.products
    return product


def receive_lot(product, number, quantity, expiry, location, date=None,
        config=None):
    "Receive quantity of a new lot of product expiring on expiry"
    Lot = Model.get('stock.lot', config=config)
    Location = Model.get('stock.location', config=config)
    Move = Model.get('stock.move', config=config)
    Warning = Model.get('res.user.warning', config=config)
    supplier, = Location.find([('code', '=', 'SUP')])
    lot = Lot(number=number, product=product)
    lot.shelf_life_expiration_date = expiry
    lot.save()
    move = Move(product=product, lot=lot, quantity=quantity)
    move.from_location = supplier
    move.to_location = location
    move.effective_date = date
    move.unit_price = product.cost_price
    move.currency = get_company(config=config).currency
    move.save()
    # A move without origin asks the user first
    Warning(user=move._config.user, name='%s.done' % hashlib.md5(
            b'stock.move,%d' % move.id).hexdigest()).save()
    move.click('do')
    return lot


def create_platform_channel(code, name, type, party_name, freight_product,
        accounts, commission_rate='0.05', config=None):
    "Create a marketplace channel posting to the accounts by code"
    Channel = Model.get('retail.channel', config=config)
    Party = Model.get('party.party', config=config)
    party = Party(name=party_name)
    party.save()
    channel = Channel(code=code, name=name, type=type)
    channel.party = party
    channel.freight_product = freight_product
    channel.receivable_account = accounts['112201']
    channel.commission_rate = Decimal(commission_rate)
    channel.commission_account = accounts['560101']
    channel.settlement_account = accounts['101204']
    channel.fee_account = accounts['560102']
    channel.save()
    return channel
