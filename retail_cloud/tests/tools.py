# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from decimal import Decimal

from proteus import Model, Wizard
from trytond.modules.company.tests.tools import get_company

__all__ = ['create_cn_chart', 'get_cn_accounts', 'get_cn_tax']


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
