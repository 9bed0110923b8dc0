window.YTD.account.part0 = [
  {
    "account": {
      "email": "k.ouellet@exemple.fr",
      "createdVia": "web",
      "username": "kouellet_menage",
      "accountId": "1700000000000000042",
      "createdAt": "2024-01-15T10:00:00.000Z",
      "accountDisplayName": "Karine Ouellet"
    }
  }
]
