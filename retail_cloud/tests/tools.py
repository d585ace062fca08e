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
