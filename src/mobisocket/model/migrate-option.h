/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIGRATE_OPTION_H
#define MIGRATE_OPTION_H

#include "mobility-control-header.h"

#include "ns3/tcp-header.h"

#include <array>
#include <optional>
#include <vector>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief The Migrate option of TCP Migrate (Snoeren and Balakrishnan,
 *        MobiCom 2000; draft-snoeren-tcp-migrate-00), carried in a Migrate
 *        SYN and in the SYN/ACK that answers it, as an RFC 6994 experimental
 *        option (ExID 0x4D47, "MG").
 *
 * Payload (22 bytes, option length 26): version (1), kind (1: 1 = Migrate
 * SYN, 2 = its SYN/ACK), the connection token (8), the request number (4:
 * the exchange's sequence number) and the first 8 bytes of an HMAC-SHA256
 * keyed by the connection's secret (MigrateSynHeader, MigrateSynAckHeader).
 * The draft's request field hashes the secret with the sequence number and
 * a request number; the model's tag covers the token, the request number
 * and the addresses and port, so that a copy sent from elsewhere fails too.
 *
 * The receiving side reads it in MobilityDemux (a SYN for a 4-tuple TCP does
 * not know would draw a RST or reach a listener) and hands the payload to
 * the connection registered under the token.
 */
class MigrateOption
{
  public:
    /// RFC 6994 experiment identifier of the Migrate option ("MG").
    static constexpr uint16_t EXID = 0x4D47;
    /// Experiment identifier of the Migrate-Permitted option ("MP"), the negotiation.
    static constexpr uint16_t PERMITTED_EXID = 0x4D50;
    /// Version byte.
    static constexpr uint8_t VERSION = 1;
    /// Payload size after the ExID.
    static constexpr uint32_t PAYLOAD_SIZE = 22;

    /// The option's fields.
    struct Fields
    {
        MobilityControlHeader::MessageType type{MobilityControlHeader::MIGRATE_SYN}; //!< kind
        uint64_t token{0};                                                           //!< token
        uint32_t request{0}; //!< request number (sequence)
        std::array<uint8_t, MobilityControlHeader::MIGRATE_TAG_SIZE> tag{}; //!< truncated HMAC
    };

    /**
     * \param message a MigrateSynHeader or MigrateSynAckHeader, authenticated
     * \return the option's payload (after the ExID)
     */
    static std::vector<uint8_t> Encode(const MobilityControlHeader& message);

    /**
     * \param payload an option's payload (after the ExID)
     * \return its fields, or nothing if it is not a well-formed Migrate option
     */
    static std::optional<Fields> Decode(const std::vector<uint8_t>& payload);

    /**
     * \brief Find a Migrate option in a TCP header.
     * \param header the header
     * \param[out] payload its payload when found
     * \return true if the header carries an option with the Migrate ExID
     *         (well-formed or not: Decode() tells)
     */
    static bool Find(const TcpHeader& header, std::vector<uint8_t>& payload);

    /**
     * \brief Fill a message from the option's fields (the exchange's view).
     * \param fields the fields
     * \param[out] message the message (its addresses are set by the caller)
     */
    static void Fill(const Fields& fields, MobilityControlHeader& message);
};

} // namespace ns3

#endif /* MIGRATE_OPTION_H */
