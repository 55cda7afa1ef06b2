# address-acquisition: MobiSocket in band's disruption per way of getting the new address,
# broken down into its parts (stacked bars, ms), with the measured total and its 95 %
# confidence interval. Data: by-addressing.csv (written by the experiment runner).
if (!exists("dir")) dir = "results/address-acquisition"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/by-addressing.csv"
set title "MobiSocket (in band): disruption by part, per way of getting the address"
set ylabel "Time from the last byte before the gap (ms)"
set style data histograms
set style histogram rowstacked
set style fill solid 0.8 border -1
set boxwidth 0.6
set key inside top right
set yrange [0:*]
set offsets 0, 0, graph 0.35, 0
set bmargin 6
set xtics nomirror font ",9"
@PNG; set output dir."/breakdown.png"
plot f using (column("l2_gap_s")*1e3):xtic(strcol("family")."\n".strcol("mechanism")."\n".strcol("detail")) lc rgb "#bbbbbb" title "layer-2 gap", \
     f using (column("address_dhcp_s")*1e3) lc rgb "#1f78b4" title "DHCP", \
     f using (column("address_ra_s")*1e3) lc rgb "#a6cee3" title "RS and RA delays", \
     f using (column("address_dad_s")*1e3) lc rgb "#33a02c" title "DAD", \
     f using (column("update_s")*1e3) lc rgb "#fdbf6f" title "update", \
     f using (column("resume_s")*1e3) lc rgb "#ff7f00" title "resume", \
     f using 0:(column("mobisocket-inband_disruption_s")*1e3):(column("mobisocket-inband_ci95")*1e3) with yerrorbars lc rgb "black" pt 7 ps 0.6 title "measured total (95 % CI)"
@SVG; set output dir."/breakdown.svg"
replot
