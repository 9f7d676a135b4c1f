# mxcc firewall.ps1 format 1: Windows Firewall rules for AppContainer 'CLI'
#Requires -RunAsAdministrator
$ErrorActionPreference = 'Stop'
$Package = 'S-1-15-2-2058603621-547598940-2389991933-2477427801-2743924948-2440776010-3744031250'
$Group = 'mxcc-CLI'
Get-NetFirewallRule -Group $Group -ErrorAction SilentlyContinue | Remove-NetFirewallRule
# Block rules beat allow rules; unmatched outbound traffic is allowed by the profile default.
New-NetFirewallRule -Group $Group -Name "$Group-out-0" -DisplayName "$Group egress block 0" -Direction Outbound -Action Block -Package $Package -Profile Any -RemoteAddress 0.0.0.0/0,::/0 | Out-Null
New-NetFirewallRule -Group $Group -Name "$Group-in" -DisplayName "$Group ingress block" -Direction Inbound -Action Block -Package $Package -Profile Any | Out-Null
