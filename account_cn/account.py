# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from contextlib import nullcontext

from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction


def _translate(*fields):
    "Make fields translatable so the charts can be created in Chinese"
    for field in fields:
        field.translate = True
        field.loading = 'lazy'


def _chart_language():
    "Use the language of the user who runs the create chart wizard"
    language = Transaction().context.get('account_cn_chart_language')
    if language:
        return Transaction().set_context(language=language)
    return nullcontext()


class TranslatableNameMixin:
    "Names in English in the XML, in the user's language from locale/"
    __slots__ = ()

    @classmethod
    def __setup__(cls):
        super().__setup__()
        _translate(cls.name)


class TypeTemplate(TranslatableNameMixin, metaclass=PoolMeta):
    __name__ = 'account.account.type.template'


class AccountTemplate(TranslatableNameMixin, metaclass=PoolMeta):
    __name__ = 'account.account.template'


class TaxGroup(TranslatableNameMixin, metaclass=PoolMeta):
    __name__ = 'account.tax.group'


class TaxCodeTemplate(TranslatableNameMixin, metaclass=PoolMeta):
    __name__ = 'account.tax.code.template'

    @classmethod
    def create_tax_code(cls, *args, **kwargs):
        with _chart_language():
            return super().create_tax_code(*args, **kwargs)


class TaxTemplate(metaclass=PoolMeta):
    __name__ = 'account.tax.template'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        _translate(cls.name, cls.description)

    @classmethod
    def create_tax(cls, *args, **kwargs):
        with _chart_language():
            return super().create_tax(*args, **kwargs)


class CreateChart(metaclass=PoolMeta):
    __name__ = 'account.create_chart'

    def transition_create_account(self):
        # The accounts and types are created in the language of the user (the
        # language of the template record) but the taxes in the language of
        # the database, so create the whole chart in the user language.
        transaction = Transaction()
        with transaction.set_context(
                account_cn_chart_language=transaction.language):
            return super().transition_create_account()

    def default_properties(self, fields):
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        defaults = super().default_properties(fields)
        for chart in ['small', 'enterprise']:
            template_id = ModelData.get_id('account_cn', 'root_' + chart)
            if self.account.account_template.id == template_id:
                defaults['account_receivable'] = self.get_account(
                    'account_cn.%s_1122' % chart)
                defaults['account_payable'] = self.get_account(
                    'account_cn.%s_2202' % chart)
        return defaults
