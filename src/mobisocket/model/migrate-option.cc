/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "migrate-option.h"

#include "tcp-option-experimental.h"

#include "ns3/abort.h"

namespace ns3
{

namespace
{

/// Option kind byte of a Migrate SYN.
constexpr uint8_t KIND_SYN = 1;
/// Option kind byte of the SYN/ACK that answers it.
constexpr uint8_t KIND_SYN_ACK = 2;

/**
 * \param bytes where to append
 * \param value the value
 * \param size its size in bytes (network order)
 */
void
Append(std::vector<uint8_t>& bytes, uint64_t value, int size)
{
    for (int shift = 8 * (size - 1); shift >= 0; shift -= 8)
    {
        bytes.push_back(static_cast<uint8_t>(value >> shift));
    }
}

/**
 * \param bytes the bytes
 * \param offset where the value starts
 * \param size its size in bytes (network order)
 * \return the value
 */
uint64_t
Read(const std::vector<uint8_t>& bytes, size_t offset, int size)
{
    uint64_t value = 0;
    for (int k = 0; k < size; ++k)
    {
        value = (value << 8) | bytes[offset + k];
    }
    return value;
}

} // namespace

std::vector<uint8_t>
MigrateOption::Encode(const MobilityControlHeader& message)
{
    const auto type = message.GetMessageType();
    NS_ABORT_MSG_UNLESS(type == MobilityControlHeader::MIGRATE_SYN ||
                            type == MobilityControlHeader::MIGRATE_SYN_ACK,
                        "not a Migrate message");
    std::vector<uint8_t> bytes{VERSION,
                               type == MobilityControlHeader::MIGRATE_SYN ? KIND_SYN
                                                                          : KIND_SYN_ACK};
    Append(bytes, message.GetToken(), 8);
    Append(bytes, message.GetSequence(), 4);
    const MacTag tag = message.GetMac();
    bytes.insert(bytes.end(), tag.begin(), tag.begin() + MobilityControlHeader::MIGRATE_TAG_SIZE);
    return bytes;
}

std::optional<MigrateOption::Fields>
MigrateOption::Decode(const std::vector<uint8_t>& payload)
{
    if (payload.size() != PAYLOAD_SIZE || payload[0] != VERSION ||
        (payload[1] != KIND_SYN && payload[1] != KIND_SYN_ACK))
    {
        return std::nullopt;
    }
    Fields fields;
    fields.type = payload[1] == KIND_SYN ? MobilityControlHeader::MIGRATE_SYN
                                         : MobilityControlHeader::MIGRATE_SYN_ACK;
    fields.token = Read(payload, 2, 8);
    fields.request = static_cast<uint32_t>(Read(payload, 10, 4));
    std::copy_n(payload.begin() + 14, fields.tag.size(), fields.tag.begin());
    return fields;
}

bool
MigrateOption::Find(const TcpHeader& header, std::vector<uint8_t>& payload)
{
    return TcpOptionExperimental::Find(header, EXID, payload);
}

void
MigrateOption::Fill(const Fields& fields, MobilityControlHeader& message)
{
    NS_ABORT_MSG_UNLESS(message.GetMessageType() == fields.type, "wrong Migrate message class");
    message.SetToken(fields.token);
    message.SetSequence(fields.request);
    MacTag tag{};
    std::copy(fields.tag.begin(), fields.tag.end(), tag.begin());
    message.SetMac(tag);
}

} // namespace ns3
