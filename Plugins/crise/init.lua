-- Le plugin crise ne déclare rien par lui-même : les politiques construisent
-- leurs réactions avec ses échelles (require "crise.echelles").
return require "crise.echelles"
