window.YTD.account.part0 = [
  {
    "account" : {
      "email" : "contact@eclatnet.example",
      "createdVia" : "web",
      "username" : "EclatNet",
      "accountId" : "1500000000000000001",
      "createdAt" : "2022-02-01T10:00:00.000Z",
      "accountDisplayName" : "Éclat Net"
    }
  }
]
