# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Importing the platforms' exports, from the client's upload wizard or
over RPC: previewed first, then taken all or nothing."""
from trytond import config
from trytond.exceptions import UserError
from trytond.i18n import gettext
from trytond.model import ModelView, fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval, PYSONEncoder
from trytond.rpc import RPC
from trytond.transaction import Transaction
from trytond.wizard import Button, StateAction, StateTransition, StateView, \
    Wizard

from .channel_import import ImportRefused, preview, read_orders
from .channel_order import naive_utc

IMPORT_PLATFORMS = [
    ('taobao', "Taobao / Tmall"),
    ('jd', "JD"),
    ('douyin', "Douyin"),
    ('wechat', "WeChat Mini-Shop"),
    ('generic', "Generic Template"),
    ('settlement', "Payout Report"),
    ]


def row_language():
    "The language of the rows' messages: the user's, Chinese or English"
    language = Transaction().language or 'en'
    return 'zh_CN' if language.startswith('zh') else 'en'


def refusal(refused):
    "The UserError listing every bad row, in the user's language"
    refused = ImportRefused(sorted(
            refused.errors, key=lambda e: (e.file or '', e.row or 0)))
    return UserError(
        gettext('retail_cloud.msg_channel_import_refused',
            count=len(refused.errors)),
        refused.message(row_language()))


class ChannelOrder(metaclass=PoolMeta):
    __name__ = 'retail.channel.order'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__rpc__['import_files'] = RPC(readonly=False)
        cls.__rpc__['preview_files'] = RPC()

    @classmethod
    def import_files(cls, channel_id, platform, files):
        """Take the export files [(name, bytes)] of the channel's platform,
        all or nothing; return the ids of the orders"""
        pool = Pool()
        Channel = pool.get('retail.channel')
        Line = pool.get('retail.channel.order.line')
        transaction = Transaction()
        channel = Channel(channel_id)
        source = ', '.join(name for name, _ in files)
        ids = []
        try:
            orders = read_orders(platform, files)
            # Every unknown product of the file refused before any is taken
            products = Line.match_products(channel.company, orders)
            # Oldest paid first: a chunk's invoices are dated on or after the
            # last chunk's, each on its own paid day as if taken at once
            orders.sort(key=lambda o: naive_utc(o.pay_time or o.order_time))
            # A chunk at a time in the import's one transaction: the records
            # built and the history logged are a chunk's, not the file's
            chunk = max(1, config.getint(
                    'retail_cloud', 'import_chunk', default=100))
            for start in range(0, len(orders), chunk):
                ids.extend(r.id for r in cls.take(channel,
                        orders[start:start + chunk], source,
                        products=products))
                transaction._store_log_records()
        except ImportRefused as refused:
            raise refusal(refused) from refused
        return ids

    @classmethod
    def preview_files(cls, platform, files):
        "What the files hold, and what is wrong in them"
        return preview(platform, files, language=row_language())


class ImportStart(ModelView):
    "Import Channel Orders"
    __name__ = 'retail.channel.order.import.start'

    channel = fields.Many2One(
        'retail.channel', "Channel", required=True,
        domain=[('type', '!=', 'store')])
    platform = fields.Selection(IMPORT_PLATFORMS, "Format", required=True)
    file = fields.Binary("File", required=True, filename='file_name')
    file_name = fields.Char("File Name")
    second_file = fields.Binary(
        "Second File", filename='second_file_name',
        states={'invisible': Eval('platform') != 'taobao'},
        help="The item report (宝贝报表) beside the order report.")
    second_file_name = fields.Char("Second File Name")
    preview = fields.Text("Preview", readonly=True)

    @fields.depends('channel')
    def on_change_channel(self):
        platforms = dict(IMPORT_PLATFORMS)
        if self.channel:
            kind = 'taobao' if self.channel.type == 'tmall' else (
                self.channel.type)
            if kind in platforms:
                self.platform = kind

    @property
    def files(self):
        files = [(self.file_name or 'file', self.file)]
        if self.second_file:
            files.append(
                (self.second_file_name or 'file2', self.second_file))
        return [(n, bytes(f)) for n, f in files if f]

    @fields.depends(
        'platform', 'file', 'file_name', 'second_file', 'second_file_name')
    def on_change_with_preview(self):
        if not self.platform or not self.file:
            return None
        summary = preview(
            self.platform, self.files, language=row_language())
        return render_preview(summary)


def render_preview(summary):
    "The preview as the user reads it"
    errors = summary['errors']
    lines = [gettext('retail_cloud.msg_channel_import_preview',
            orders=summary['orders'], lines=summary['lines'],
            amount=summary['paid'])]
    if errors:
        lines.append(gettext('retail_cloud.msg_channel_import_refused',
                count=len(errors)))
        lines.extend(errors)
    return '\n'.join(lines)


class Import(Wizard):
    "Import Channel Orders"
    __name__ = 'retail.channel.order.import'

    start = StateView('retail.channel.order.import.start',
        'retail_cloud.channel_order_import_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Import", 'import_', 'tryton-ok', default=True),
            ])
    import_ = StateTransition()
    orders = StateAction('retail_cloud.act_channel_order_form')
    settlement = StateAction('retail_cloud.act_channel_settlement_form')

    def transition_import_(self):
        pool = Pool()
        Order = pool.get('retail.channel.order')
        Settlement = pool.get('retail.channel.settlement')
        files = self.start.files
        channel = self.start.channel
        if self.start.platform == 'settlement':
            self.imported = [Settlement.import_files(channel.id, files)]
            return 'settlement'
        self.imported = Order.import_files(
            channel.id, self.start.platform, files)
        return 'orders'

    def do_orders(self, action):
        return self.open_imported(action)

    def do_settlement(self, action):
        return self.open_imported(action)

    def open_imported(self, action):
        action['pyson_domain'] = PYSONEncoder().encode(
            [('id', 'in', list(self.imported))])
        return action, {}
