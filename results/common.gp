# Settings shared by every experiment figure. Each figure script loads this
# file, reads the CSV files of the experiment folder `dir` and writes
# <figure>.png (pngcairo) and <figure>.svg there. The experiment runner
# (python3 -m mobisocket.experiments) calls
#     gnuplot -e "dir='<results>/<name>'; scripts='<source>/results'" <figure>.gp
# and by hand, from the repository root: gnuplot results/<name>/<figure>.gp
set datafile separator ","
set datafile columnheaders
set datafile missing "nan"
set grid lc rgb "#dddddd"
set key box opaque samplen 2
set border lw 1.2
set pointsize 1.2
# A column of the rows of one variant (NaN elsewhere, so other rows are skipped).
sel(v, c) = (strcol("variant") eq v) ? column(c) : NaN
# The same within one group of points (experiments with two families of points).
selg(g, v, c) = (strcol("group") eq g && strcol("variant") eq v) ? column(c) : NaN
# Break "Scheme (detail)" onto two lines (tic labels).
brk(s) = strstrt(s, " (") > 0 ? s[1:strstrt(s, " (") - 1]."\n".s[strstrt(s, " (") + 1:] : s
# One colour per scheme, the same in every figure.
set style line 1 lc rgb "#1b9e77" lw 2 pt 7   # MobiSocket, SIP direct / ResetTimer / make-before-break
set style line 2 lc rgb "#7570b3" lw 2 pt 5   # MobiSocket, SIP via proxy / no ResetTimer / break-before-make
set style line 3 lc rgb "#66a61e" lw 2 pt 9   # MobiSocket, in-band
set style line 4 lc rgb "#d95f02" lw 2 pt 11  # TCP-R
set style line 5 lc rgb "#e7298a" lw 2 pt 13  # redirect daemon
set style line 6 lc rgb "#666666" lw 2 pt 3   # plain TCP
set style line 7 lc rgb "#1b9e77" lw 1.5 dt 2 pt 0
set style line 8 lc rgb "#a6761d" lw 2 pt 15  # TCP Migrate
PNG = "set terminal pngcairo size 900,560 enhanced font 'sans,11'"
SVG = "set terminal svg size 900,560 enhanced font 'sans,11' dynamic"
