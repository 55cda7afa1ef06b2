/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HANDOVER_RESULT_WRITER_H
#define HANDOVER_RESULT_WRITER_H

#include "scenario-result.h"

#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief Turns a ScenarioResult into files and text.
 *
 * Files (in a run's output folder): timeline.csv (one row per handover),
 * goodput.csv (one row per bin), delay.csv (stream runs), signalling.csv,
 * pairs.csv (one row per MH-CH pair) and summary.json (every parameter,
 * RngRun, ns-3 version and the totals).
 * Times are in seconds; "nan" marks an event that did not happen.
 */
class HandoverResultWriter
{
  public:
    /**
     * \brief Write every file of a run into a folder (created if needed).
     * \param result the run
     * \param folder the folder
     */
    static void WriteAll(const ScenarioResult& result, const std::string& folder);

    /**
     * \param result the run
     * \param os where to write the timeline CSV
     */
    static void WriteTimelineCsv(const ScenarioResult& result, std::ostream& os);
    /**
     * \param result the run
     * \param os where to write the goodput CSV
     */
    static void WriteGoodputCsv(const ScenarioResult& result, std::ostream& os);
    /**
     * \param result the run
     * \param os where to write the delay CSV
     */
    static void WriteDelayCsv(const ScenarioResult& result, std::ostream& os);
    /**
     * \param result the run
     * \param os where to write the signalling CSV
     */
    static void WriteSignallingCsv(const ScenarioResult& result, std::ostream& os);

    /**
     * \brief Write the outcome of each MH-CH pair as CSV (pairs.csv).
     * \param result the result
     * \param os the stream
     */
    static void WritePairsCsv(const ScenarioResult& result, std::ostream& os);
    /**
     * \param result the run
     * \param os where to write the JSON summary
     */
    static void WriteSummaryJson(const ScenarioResult& result, std::ostream& os);

    /**
     * \brief Print a human-readable timeline and summary.
     * \param result the run
     * \param os the stream
     */
    static void Print(const ScenarioResult& result, std::ostream& os);
};

} // namespace ns3

#endif /* HANDOVER_RESULT_WRITER_H */
