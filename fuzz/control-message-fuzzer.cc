/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-fuzz
 * Fuzz target: the control messages of model/mobility-control-header.h
 * (AddChange, AddConfirm, KeyShare, RedirectRequest, RedirectAck) as their
 * receivers get them: the input is the payload of an in-band URG segment or
 * a redirect daemon's UDP datagram, handed over as a packet of exactly those
 * bytes (MobilityDemux::Receive's fragment, Socket::RecvFrom's packet).
 * ReceiveControlMessage() (fuzz-common.h) runs the receivers' envelope
 * check and the parse of the envelope's type, and checks the round trip of
 * what parsed. Seeds: fuzz/corpus/control-message/ (make-corpus.cc).
 */

#include "fuzz-common.h"

#include "ns3/packet.h"

#include <cstddef>
#include <cstdint>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace ns3;
    Ptr<Packet> payload = Create<Packet>(data, static_cast<uint32_t>(size));
    mobisocket_fuzz::ReceiveControlMessage(payload);
    return 0;
}
