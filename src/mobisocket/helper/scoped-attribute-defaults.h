/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCOPED_ATTRIBUTE_DEFAULTS_H
#define SCOPED_ATTRIBUTE_DEFAULTS_H

#include "ns3/abort.h"
#include "ns3/attribute.h"
#include "ns3/ptr.h"
#include "ns3/type-id.h"

#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief Attribute defaults one scenario run sets for itself, put back as
 *        they were when the run ends.
 *
 * A scenario sets a few defaults (segment size, DHCP timers, queue size)
 * from its parameters. Setting them with Config::SetDefault alone would
 * leak them into the next run of the same process; calling Config::Reset
 * before a run, as the scenarios once did, also discarded what the user
 * set on purpose (`--ns3::TcpL4Protocol::SocketType=ns3::TcpNewReno` on an
 * example's command line, or Config::SetDefault before Run). With this,
 * the user's defaults stay in force and every run starts from them.
 */
class ScopedAttributeDefaults
{
  public:
    ScopedAttributeDefaults() = default;
    /// Puts every default set through this object back, newest first.
    ~ScopedAttributeDefaults();
    ScopedAttributeDefaults(const ScopedAttributeDefaults&) = delete;
    ScopedAttributeDefaults& operator=(const ScopedAttributeDefaults&) = delete;

    /**
     * \brief Config::SetDefault, remembering the value in force before.
     * \param path "ns3::TypeName::AttributeName", as for Config::SetDefault
     * \param value the new default
     *
     * Stops the program with a message naming the path if the type or its
     * attribute does not exist or the value does not fit it.
     */
    void Set(const std::string& path, const AttributeValue& value);

  private:
    /// (path, the default before) per Set call, in call order
    std::vector<std::pair<std::string, Ptr<const AttributeValue>>> m_previous;
};

/**
 * \ingroup mobisocket
 * \brief The initial value of an attribute, as its TypeId declares it (what
 *        a model uses unless a default or the object is changed).
 * \tparam V the attribute's value class (UintegerValue, TimeValue, ...)
 * \param tid the type
 * \param name one of its attributes (it must exist)
 * \return the value, as V::Get() gives it
 */
template <class V>
auto
InitialValueOf(TypeId tid, const std::string& name)
{
    TypeId::AttributeInformation info;
    bool found = tid.LookupAttributeByName(name, &info);
    NS_ABORT_MSG_IF(!found, tid.GetName() << " has no attribute " << name);
    return DynamicCast<const V>(info.initialValue)->Get();
}

} // namespace ns3

#endif // SCOPED_ATTRIBUTE_DEFAULTS_H
