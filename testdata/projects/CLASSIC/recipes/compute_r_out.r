library(dataiku)
df <- dkuReadDataset("orders_by_customer")
dkuWriteDataset(df, "r_out")
