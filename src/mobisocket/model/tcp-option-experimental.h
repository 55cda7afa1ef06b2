/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * This program is free software; you can redistribute it and/or modify
 * it under the terms of the GNU General Public License version 2 as
 * published by the Free Software Foundation;
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_OPTION_EXPERIMENTAL_H
#define TCP_OPTION_EXPERIMENTAL_H

#include "ns3-compat.h"

#include "ns3/tcp-header.h"
#include "ns3/tcp-option.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief An RFC 6994 experimental TCP option (kind 253) that carries a
 *        16-bit experiment identifier and an opaque payload in SYN segments.
 *
 * Wire format: kind (253), length, ExID (2 bytes, network order), payload.
 * MobiSocket uses ExID 0x4D53 ("MS") with a one-byte version and a 32-bit
 * connection nonce; the TCP-R model uses another ExID for its key share.
 *
 * ns-3.37's TcpHeader::AppendOption() refuses option kinds that ns-3 does not
 * know. To be accepted on the sending side this class reports the kind
 * TcpOption::MSS from GetKind() (ns-3 never interprets an MSS option), while
 * Serialize() writes the real kind 253. The receiver sees a
 * TcpOptionUnknown of kind 253, which Find() decodes.
 */
class TcpOptionExperimental : public TcpOption
{
  public:
    /// The RFC 6994 option kind for shared experimental options.
    static constexpr uint8_t KIND = 253;
    /// Largest payload that fits the 40-byte option space.
    static constexpr uint32_t MAX_PAYLOAD = 36;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
#if MOBISOCKET_OBJECT_OVERRIDES_INSTANCE_TYPE_ID
    /// \return this object's TypeId (ns-3 < 3.45 asks the subclass)
    TypeId GetInstanceTypeId() const override;
#endif

    /// Create an empty option (ExID 0, no payload).
    TcpOptionExperimental();

    /**
     * \brief Create an option.
     * \param exid the RFC 6994 experiment identifier
     * \param payload the bytes after the ExID (at most MAX_PAYLOAD)
     */
    TcpOptionExperimental(uint16_t exid, const std::vector<uint8_t>& payload);

    void Print(std::ostream& os) const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    uint8_t GetKind() const override;
    uint32_t GetSerializedSize() const override;

    /// \return the experiment identifier
    uint16_t GetExid() const;
    /// \return the payload bytes after the ExID
    const std::vector<uint8_t>& GetPayload() const;

    /**
     * \brief Find an experimental option with the given ExID in a header.
     *
     * Works on received headers, where the option arrives as a
     * TcpOptionUnknown of kind 253.
     *
     * \param header the TCP header to search
     * \param exid the experiment identifier to look for
     * \param[out] payload the payload of the option, when found
     * \return true if the header carries a well-formed option with that ExID
     */
    static bool Find(const TcpHeader& header, uint16_t exid, std::vector<uint8_t>& payload);

  private:
    uint16_t m_exid{0};             //!< experiment identifier
    std::vector<uint8_t> m_payload; //!< bytes after the ExID
};

} // namespace ns3

#endif /* TCP_OPTION_EXPERIMENTAL_H */
