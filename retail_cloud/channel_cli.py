# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Import a channel's order export files into a Retail Cloud database, all
or nothing, as the upload wizard does.

Made for scheduled automation: run it from cron on the files a platform's
export drops.  It exits 0 when the files were imported (orders it already
has are updated, never doubled), 1 when they were refused (every bad row is
printed and nothing is imported) and 2 on a wrong command line."""
import argparse
import os
import sys
from pathlib import Path

from .channel_import import PLATFORMS, preview

EPILOG = """\
cron, every 15 minutes, on the files an export drops:
  */15 * * * * retail-channel-import -c /etc/trytond.conf -d retail \\
      --channel TMALL --platform taobao /srv/tmall/orders.csv \\
      /srv/tmall/items.csv >> /var/log/retail-channel-import.log 2>&1
"""


def parser():
    parser = argparse.ArgumentParser(
        prog='retail-channel-import', description=__doc__.split('\n\n')[0],
        epilog=__doc__.split('\n\n', 1)[1] + '\n\n' + EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('-c', '--config', dest='config',
        default=os.environ.get('TRYTOND_CONFIG'),
        help="the trytond configuration file (default: $TRYTOND_CONFIG)")
    parser.add_argument('-d', '--database', required=True)
    parser.add_argument('--channel', required=True,
        help="the channel's code, e.g. TMALL")
    parser.add_argument('--platform', required=True,
        choices=PLATFORMS + ('normalised',),
        help="the export's format")
    parser.add_argument('--user', default='admin',
        help="the login the orders are imported as (default: admin)")
    parser.add_argument('--language', default='zh_CN',
        help="the language of the messages (default: zh_CN)")
    parser.add_argument('--preview', action='store_true',
        help="print what the files hold and what is wrong; import nothing")
    parser.add_argument('files', nargs='+', type=Path, metavar='FILE')
    return parser


def main(argv=None):
    args = parser().parse_args(argv)
    files = [(path.name, path.read_bytes()) for path in args.files]
    pool = start_pool(args.config, args.database)
    return run(pool, args, files)


def start_pool(config, database):
    from trytond.config import update_etc
    update_etc(config)
    from trytond.pool import Pool
    Pool.start()
    pool = Pool(database)
    pool.init()
    return pool


def run(pool, args, files):
    """Import in one transaction, started again with the locks that strict
    sequences ask for; tasks queued by the import run after the commit"""
    from trytond.transaction import Transaction, TransactionError
    from trytond.worker import run_task
    extras = {}
    while True:
        try:
            with Transaction().start(
                    args.database, 0, readonly=args.preview,
                    context={'language': args.language},
                    **extras) as transaction:
                status = import_files(pool, args, files)
                if status:
                    transaction.rollback()
            break
        except TransactionError as error:
            error.fix(extras)
    while transaction.tasks:
        run_task(pool, transaction.tasks.pop())
    return status


def import_files(pool, args, files):
    "Print what was imported or why not; return the exit status"
    from trytond.exceptions import UserError
    from trytond.transaction import Transaction
    Channel = pool.get('retail.channel')
    User = pool.get('res.user')
    channel = find(Channel, 'code', args.channel)
    user = find(User, 'login', args.user)
    if not channel or not user:
        print("Unknown %s" % ("channel %r" % args.channel if not channel
                else "user %r" % args.user), file=sys.stderr)
        return 2
    with Transaction().set_user(user.id), Transaction().set_context(
            company=channel.company.id):
        if args.preview:
            return print_preview(args, files)
        Order = pool.get('retail.channel.order')
        # Ids only grow: those above the last one before are new orders
        last = Order.search([], order=[('id', 'DESC')], limit=1)
        try:
            ids = Order.import_files(channel.id, args.platform, files)
        except UserError as error:
            print(error.message, file=sys.stderr)
            print(error.description, file=sys.stderr)
            return 1
        print_orders(Order, ids, last[0].id if last else 0)
    return 0


def find(Model, field, value):
    records = Model.search([(field, '=', value)], limit=1)
    return records[0] if records else None


def print_preview(args, files):
    from .channel_order_import import render_preview
    summary = preview(args.platform, files, language=args.language)
    print(render_preview(summary))
    return 1 if summary['errors'] else 0


def print_orders(Order, ids, last_id):
    """The count of orders imported, then one line an order: number, state,
    platform status (as codes, for scripts reading the log), receivable"""
    from trytond.i18n import gettext
    orders = Order.browse(ids)
    created = sum(1 for o in orders if o.id > last_id)
    print(gettext('retail_cloud.msg_channel_import_done',
            count=len(orders), created=created,
            updated=len(orders) - created))
    for order in orders:
        print('\t'.join([order.number, order.state, order.platform_status,
                    str(order.receivable)]))


if __name__ == '__main__':
    sys.exit(main())
