# mxcc firewall.ps1 format 1: Windows Firewall rules for AppContainer 'npm-test-dacl-default'
#Requires -RunAsAdministrator
$ErrorActionPreference = 'Stop'
$Package = 'S-1-15-2-2920018328-260721959-1486443035-2173032482-2960274913-1997622448-2515928318'
$Group = 'mxcc-npm-test-dacl-default'
Get-NetFirewallRule -Group $Group -ErrorAction SilentlyContinue | Remove-NetFirewallRule
# Block rules beat allow rules; unmatched outbound traffic is allowed by the profile default.
New-NetFirewallRule -Group $Group -Name "$Group-out-0" -DisplayName "$Group egress block 0" -Direction Outbound -Action Block -Package $Package -Profile Any -RemoteAddress 0.0.0.0/0,::/0 | Out-Null
New-NetFirewallRule -Group $Group -Name "$Group-in" -DisplayName "$Group ingress block" -Direction Inbound -Action Block -Package $Package -Profile Any | Out-Null
