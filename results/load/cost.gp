# load: the signalling cost per mobile host when M MHs hand over together,
# per scheme. Left: the address-change messages per MH (re-registrations
# included). Right: the messages the shared SIP proxy (or TCP Migrate's DNS
# server) sent per MH over the run, set-up included. Reads points.csv.
if (!exists("dir")) dir = "results/load"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
SCHEMES = "mobisocket-direct mobisocket-proxy mobisocket-inband tcp-r migrate redirect"
LABELS = "'MobiSocket (SIP direct)' 'MobiSocket (SIP via proxy)' 'MobiSocket in band' 'TCP-R' 'TCP Migrate' 'Redirect daemon'"
STYLES = "1 2 3 4 8 5"
panels = "set multiplot layout 1,2 title 'Signalling per mobile host, M hosts handing over together'"
draw = "\
set logscale x 2; set xlabel 'Mobile hosts handing over together'; \
set title 'Address-change messages per MH'; set ylabel 'Messages'; \
set yrange [0:*]; set offsets 0, 0, graph 0.08, 0; set key top left; \
plot for [i=1:6] f using (sel(word(SCHEMES, i), 'x')):'handover_msgs_per_mh':'handover_msgs_per_mh_ci95' \
     with yerrorlines ls word(STYLES, i)+0 title word(LABELS, i); \
set title 'Sent by the shared proxy (or DNS server), per MH'; set ylabel 'Messages'; unset key; \
plot for [i=1:6] f using (sel(word(SCHEMES, i), 'x')):'proxy_msgs_per_mh':'proxy_msgs_per_mh_ci95' \
     with yerrorlines ls word(STYLES, i)+0 notitle"
set terminal pngcairo size 1200,520 enhanced font 'sans,11'; set output dir."/cost.png"
@panels; @draw; unset multiplot
set terminal svg size 1200,520 enhanced font "sans,11" dynamic; set output dir."/cost.svg"
@panels; @draw; unset multiplot
