# -*- coding: utf-8 -*-
import dataiku

orders = dataiku.Dataset("orders_clean").get_dataframe()
dataiku.Dataset("python_out").write_with_schema(orders[orders.amount > 0])
