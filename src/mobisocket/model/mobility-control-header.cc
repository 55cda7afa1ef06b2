/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mobility-control-header.h"

#include "ns3/log.h"
#include "ns3/packet.h"

#include <iomanip>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketControlHeader");

NS_OBJECT_ENSURE_REGISTERED(MobilityControlHeader);
NS_OBJECT_ENSURE_REGISTERED(AddChangeHeader);
NS_OBJECT_ENSURE_REGISTERED(AddConfirmHeader);

TypeId
MobilityControlHeader::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::MobilityControlHeader").SetParent<Header>().SetGroupName("MobiSocket");
    return tid;
}

bool
MobilityControlHeader::PeekEnvelope(Ptr<const Packet> payload, MessageType& type, uint64_t& token)
{
    if (!payload || payload->GetSize() < COMMON_SIZE)
    {
        return false;
    }
    uint8_t bytes[COMMON_SIZE];
    payload->CopyData(bytes, COMMON_SIZE);
    Buffer buffer;
    buffer.AddAtStart(COMMON_SIZE);
    buffer.Begin().Write(bytes, COMMON_SIZE);
    Buffer::Iterator i = buffer.Begin();
    if (i.ReadNtohU32() != MAGIC)
    {
        return false;
    }
    uint8_t t = i.ReadU8();
    if ((t != ADD_CHANGE && t != ADD_CONFIRM) || i.ReadU8() != VERSION)
    {
        return false;
    }
    i.Next(2); // family and reserved are checked by Deserialize()
    type = static_cast<MessageType>(t);
    token = i.ReadNtohU64();
    return true;
}

void
MobilityControlHeader::SetToken(uint64_t token)
{
    m_token = token;
}

uint64_t
MobilityControlHeader::GetToken() const
{
    return m_token;
}

void
MobilityControlHeader::SetSequence(uint32_t sequence)
{
    m_sequence = sequence;
}

uint32_t
MobilityControlHeader::GetSequence() const
{
    return m_sequence;
}

void
MobilityControlHeader::SetSignature(const Ed25519Signature& signature)
{
    m_signature = signature;
}

const Ed25519Signature&
MobilityControlHeader::GetSignature() const
{
    return m_signature;
}

bool
MobilityControlHeader::IsWellFormed() const
{
    return m_wellFormed;
}

uint32_t
MobilityControlHeader::GetSerializedSize() const
{
    return COMMON_SIZE + GetBodySize() + SIGNATURE_SIZE;
}

std::vector<uint8_t>
MobilityControlHeader::GetSignedBytes() const
{
    uint32_t size = COMMON_SIZE + GetBodySize();
    Buffer buffer;
    buffer.AddAtStart(GetSerializedSize());
    Serialize(buffer.Begin());
    std::vector<uint8_t> bytes(size);
    buffer.CopyData(bytes.data(), size);
    return bytes;
}

Time
MobilityControlHeader::Sign(Ptr<CryptoAgent> agent, const Ed25519KeyPair& key)
{
    Time delay;
    m_signature = agent->Sign(GetSignedBytes(), key, &delay);
    return delay;
}

bool
MobilityControlHeader::Verify(Ptr<CryptoAgent> agent,
                              const Ed25519PublicKey& publicKey,
                              Time& delay) const
{
    return agent->Verify(GetSignedBytes(), m_signature, publicKey, &delay);
}

void
MobilityControlHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteHtonU32(MAGIC);
    i.WriteU8(GetMessageType());
    i.WriteU8(VERSION);
    i.WriteU8(FAMILY_IPV4);
    i.WriteU8(0);
    i.WriteHtonU64(m_token);
    i.WriteHtonU32(m_sequence);
    SerializeBody(i);
    i.Write(m_signature.data(), SIGNATURE_SIZE);
}

uint32_t
MobilityControlHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    m_wellFormed = false;
    if (i.GetRemainingSize() < GetSerializedSize())
    {
        NS_LOG_LOGIC("truncated control message: " << i.GetRemainingSize() << " of "
                                                   << GetSerializedSize() << " bytes");
        return 0;
    }
    if (i.ReadNtohU32() != MAGIC || i.ReadU8() != GetMessageType() || i.ReadU8() != VERSION ||
        i.ReadU8() != FAMILY_IPV4)
    {
        return 0;
    }
    i.Next(1);
    m_token = i.ReadNtohU64();
    m_sequence = i.ReadNtohU32();
    if (!DeserializeBody(i))
    {
        return 0;
    }
    i.Read(m_signature.data(), SIGNATURE_SIZE);
    m_wellFormed = true;
    return GetSerializedSize();
}

void
MobilityControlHeader::PrintCommon(std::ostream& os) const
{
    os << "token=0x" << std::hex << std::setw(16) << std::setfill('0') << m_token << std::dec
       << std::setfill(' ') << " seq=" << m_sequence;
}

// ---------------------------------------------------------------------------------------------

TypeId
AddChangeHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::AddChangeHeader")
                            .SetParent<MobilityControlHeader>()
                            .SetGroupName("MobiSocket")
                            .AddConstructor<AddChangeHeader>();
    return tid;
}

TypeId
AddChangeHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

MobilityControlHeader::MessageType
AddChangeHeader::GetMessageType() const
{
    return ADD_CHANGE;
}

void
AddChangeHeader::Print(std::ostream& os) const
{
    os << "AddChange ";
    PrintCommon(os);
    os << " old=" << m_oldAddress << " new=" << m_newAddress << ":" << m_newPort;
}

void
AddChangeHeader::SetOldAddress(Ipv4Address address)
{
    m_oldAddress = address;
}

Ipv4Address
AddChangeHeader::GetOldAddress() const
{
    return m_oldAddress;
}

void
AddChangeHeader::SetNewAddress(Ipv4Address address)
{
    m_newAddress = address;
}

Ipv4Address
AddChangeHeader::GetNewAddress() const
{
    return m_newAddress;
}

void
AddChangeHeader::SetNewPort(uint16_t port)
{
    m_newPort = port;
}

uint16_t
AddChangeHeader::GetNewPort() const
{
    return m_newPort;
}

uint32_t
AddChangeHeader::GetBodySize() const
{
    return 10;
}

void
AddChangeHeader::SerializeBody(Buffer::Iterator& i) const
{
    i.WriteHtonU32(m_oldAddress.Get());
    i.WriteHtonU32(m_newAddress.Get());
    i.WriteHtonU16(m_newPort);
}

bool
AddChangeHeader::DeserializeBody(Buffer::Iterator& i)
{
    m_oldAddress = Ipv4Address(i.ReadNtohU32());
    m_newAddress = Ipv4Address(i.ReadNtohU32());
    m_newPort = i.ReadNtohU16();
    return m_newPort != 0;
}

// ---------------------------------------------------------------------------------------------

TypeId
AddConfirmHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::AddConfirmHeader")
                            .SetParent<MobilityControlHeader>()
                            .SetGroupName("MobiSocket")
                            .AddConstructor<AddConfirmHeader>();
    return tid;
}

TypeId
AddConfirmHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

MobilityControlHeader::MessageType
AddConfirmHeader::GetMessageType() const
{
    return ADD_CONFIRM;
}

void
AddConfirmHeader::Print(std::ostream& os) const
{
    os << "AddConfirm ";
    PrintCommon(os);
    os << " new=" << m_newAddress << ":" << m_newPort;
}

void
AddConfirmHeader::SetNewAddress(Ipv4Address address)
{
    m_newAddress = address;
}

Ipv4Address
AddConfirmHeader::GetNewAddress() const
{
    return m_newAddress;
}

void
AddConfirmHeader::SetNewPort(uint16_t port)
{
    m_newPort = port;
}

uint16_t
AddConfirmHeader::GetNewPort() const
{
    return m_newPort;
}

uint32_t
AddConfirmHeader::GetBodySize() const
{
    return 6;
}

void
AddConfirmHeader::SerializeBody(Buffer::Iterator& i) const
{
    i.WriteHtonU32(m_newAddress.Get());
    i.WriteHtonU16(m_newPort);
}

bool
AddConfirmHeader::DeserializeBody(Buffer::Iterator& i)
{
    m_newAddress = Ipv4Address(i.ReadNtohU32());
    m_newPort = i.ReadNtohU16();
    return m_newPort != 0;
}

} // namespace ns3
